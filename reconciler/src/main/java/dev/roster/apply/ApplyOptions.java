package dev.roster.apply;

/**
 * How to apply. Build from {@link #defaults()} with the withers, so no flag can be misordered.
 *
 * @param serverSide use server-side apply (field manager {@code roster}) instead of JSON Patch
 * @param allowMassPrune skip the mass-prune guard
 * @param maxPruneRatio largest share of the inventory one apply may prune
 * @param concurrency writes in flight at once within one wave
 * @param prune whether to prune at all; when false, prune candidates stay live and in the
 *     inventory
 * @param lockTimeout how long to wait for another apply of the same source to finish
 * @param progress told as writes finish (the CLI's progress lines)
 */
public record ApplyOptions(
    boolean serverSide, boolean allowMassPrune, double maxPruneRatio, int concurrency,
    boolean prune, java.time.Duration lockTimeout, ApplyProgress progress) {

  /**
   * JSON Patch, mass-prune guard on at 25%, 8 writes in flight, pruning, 1m lock wait, no
   * progress.
   */
  public static ApplyOptions defaults() {
    return new ApplyOptions(false, false, 0.25, 8, true, java.time.Duration.ofMinutes(1),
        ApplyProgress.NONE);
  }

  public ApplyOptions withProgress(ApplyProgress value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, prune,
        lockTimeout, value);
  }

  public ApplyOptions withLockTimeout(java.time.Duration value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, prune, value,
        progress);
  }

  public ApplyOptions withServerSide(boolean value) {
    return new ApplyOptions(value, allowMassPrune, maxPruneRatio, concurrency, prune,
        lockTimeout, progress);
  }

  public ApplyOptions withAllowMassPrune(boolean value) {
    return new ApplyOptions(serverSide, value, maxPruneRatio, concurrency, prune,
        lockTimeout, progress);
  }

  public ApplyOptions withMaxPruneRatio(double value) {
    return new ApplyOptions(serverSide, allowMassPrune, value, concurrency, prune,
        lockTimeout, progress);
  }

  public ApplyOptions withConcurrency(int value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, value, prune,
        lockTimeout, progress);
  }

  public ApplyOptions withPrune(boolean value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, value,
        lockTimeout, progress);
  }
}
