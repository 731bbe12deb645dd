package dev.roster.plan;

import java.util.List;
import java.util.Map;

/**
 * The bookkeeping a hold keeps on the live object, as data: which annotations apply sets ({@code
 * roster.dev/held-since}, {@code roster.dev/held-revision}) and which it removes once the hold
 * is released. The plan stage only decides this; {@code dev.roster.apply.HoldPatch} turns it, with
 * the change's patch and its held fields, into the JSON Patch apply sends.
 *
 * <p>Contract, for a waiting change: what goes now is every op of the planner's patch except the
 * held fields' and the applied-fields record (kept as it is, so a held removal is not forgotten);
 * when that is provenance only and nothing is to be recorded, nothing is sent.
 *
 * @param set annotations to add or replace, in order
 * @param clear annotations to remove
 */
public record HoldRecord(Map<String, String> set, List<String> clear) {
  /** Nothing to record or remove. */
  public static final HoldRecord NONE = new HoldRecord(Map.of(), List.of());

  static final String ANNOTATIONS = "/metadata/annotations/";
  private static final String APPLIED = ANNOTATIONS + "roster.dev~1applied-fields";

  public HoldRecord {
    set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(set));
    clear = clear == null ? List.of() : List.copyOf(clear);
  }

  /** Whether there is nothing to record or remove. */
  public boolean isEmpty() {
    return set.isEmpty() && clear.isEmpty();
  }

  /** Whether the op at {@code path} of a waiting change's patch goes now. */
  public static boolean goesNow(String path, RolloutState state) {
    return !state.heldPointers().contains(path) && !APPLIED.equals(path);
  }

  /**
   * Whether a waiting change sends anything now: a field that is not held, or a hold record
   * not yet on the live object. Provenance alone is not sent.
   */
  public static boolean sendsNow(Change c) {
    if (!c.rollout().record().set().isEmpty()) {
      return true;
    }
    for (Map<String, Object> op : c.patch()) {
      String path = String.valueOf(op.get("path"));
      if (!"test".equals(op.get("op")) && goesNow(path, c.rollout()) && !isProvenance(path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isProvenance(String path) {
    return path.startsWith(ANNOTATIONS) && Ownership.isProvenance(
        path.substring(ANNOTATIONS.length()).replace("~1", "/").replace("~0", "~"));
  }
}
