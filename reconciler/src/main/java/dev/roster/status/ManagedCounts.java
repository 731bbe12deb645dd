package dev.roster.status;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Objects of one source by state, after its last apply; the states do not overlap.
 *
 * @param managed in the inventory and not failed
 * @param failed failed in the last apply, or refused (live but not this source's)
 * @param orphaned gone from Git but kept live (prune disabled or ownership label removed)
 */
public record ManagedCounts(long managed, long failed, long orphaned) {
  /** No objects. */
  public static final ManagedCounts NONE = new ManagedCounts(0, 0, 0);

  /** The counts after {@code result}. */
  public static ManagedCounts of(ApplyResult result) {
    Set<ResourceKey> failed = new HashSet<>();
    long orphaned = 0;
    for (Outcome o : result.outcomes()) {
      if (ReconcileRecord.Counts.failure(o)) {
        failed.add(o.change().key());
      }
      if (o.change().action() == Action.ORPHANED) {
        orphaned++;
      }
    }
    Set<ResourceKey> keys = result.inventory().keys();
    long managed = keys.size();
    if (!failed.isEmpty()) { // only failed keys can be subtracted: look each up, not every key
      for (ResourceKey k : failed) {
        if (keys.contains(k)) {
          managed--;
        }
      }
    }
    return new ManagedCounts(managed, failed.size(), orphaned);
  }

  /** The counts by state ({@code managed}, {@code failed}, {@code orphaned}), in that order. */
  public Map<String, Long> byState() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("managed", managed);
    m.put("failed", failed);
    m.put("orphaned", orphaned);
    return m;
  }
}
