package dev.roster.apply;

/**
 * How to apply.
 *
 * @param serverSide use server-side apply (field manager {@code roster}) instead of JSON Patch
 * @param allowMassPrune skip the mass-prune guard
 * @param maxPruneRatio largest share of the inventory one apply may prune
 * @param concurrency writes in flight at once within one wave
 * @param prune whether to prune at all; when false, prune candidates stay live and in the
 *     inventory
 */
public record ApplyOptions(
    boolean serverSide, boolean allowMassPrune, double maxPruneRatio, int concurrency,
    boolean prune) {

  public ApplyOptions(
      boolean serverSide, boolean allowMassPrune, double maxPruneRatio, int concurrency) {
    this(serverSide, allowMassPrune, maxPruneRatio, concurrency, true);
  }

  public static ApplyOptions defaults() {
    return new ApplyOptions(false, false, 0.25, 8, true);
  }

  public ApplyOptions withPrune(boolean value) {
    return new ApplyOptions(serverSide, allowMassPrune, maxPruneRatio, concurrency, value);
  }
}
