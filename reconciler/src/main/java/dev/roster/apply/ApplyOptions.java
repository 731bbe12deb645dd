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
 * @param exact apply exactly the plan given (a saved plan): a write that meets a moved object
 *     (a conflict) fails instead of being planned again, and an inventory moved by another apply
 *     refuses the whole apply ({@link ApplyReason#PLAN_MOVED}) before any write
 * @param progress told as writes finish (the CLI's progress lines)
 */
public record ApplyOptions(
    boolean serverSide, boolean allowMassPrune, double maxPruneRatio, int concurrency,
    boolean prune, java.time.Duration lockTimeout, boolean exact, ApplyProgress progress) {

  /** JSON Patch, mass-prune guard on at 25%, 8 writes in flight, pruning, 1m lock wait. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(false, false, 0.25, 8, true, java.time.Duration.ofMinutes(1), false,
        ApplyProgress.NONE);
  }

  public ApplyOptions withLockTimeout(java.time.Duration value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, prune, value,
        exact, progress);
  }

  public ApplyOptions withServerSide(boolean value) {
    return new ApplyOptions(value, allowMassPrune, maxPruneRatio, concurrency, prune,
        lockTimeout, exact, progress);
  }

  public ApplyOptions withAllowMassPrune(boolean value) {
    return new ApplyOptions(serverSide, value, maxPruneRatio, concurrency, prune,
        lockTimeout, exact, progress);
  }

  public ApplyOptions withMaxPruneRatio(double value) {
    return new ApplyOptions(serverSide, allowMassPrune, value, concurrency, prune,
        lockTimeout, exact, progress);
  }

  public ApplyOptions withConcurrency(int value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, value, prune,
        lockTimeout, exact, progress);
  }

  public ApplyOptions withPrune(boolean value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, value,
        lockTimeout, exact, progress);
  }

  public ApplyOptions withExact(boolean value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, prune,
        lockTimeout, value, progress);
  }

  public ApplyOptions withProgress(ApplyProgress value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, prune,
        lockTimeout, exact, value);
  }
}
