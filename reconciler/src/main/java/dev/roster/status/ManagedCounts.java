package dev.roster.status;

import dev.roster.apply.ApplyResult;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    Set<ResourceKey> failed = result.outcomes().stream().filter(ReconcileRecord.Counts::failure)
        .map(o -> o.change().key()).collect(Collectors.toSet());
    long managed = result.inventory().keys().stream().filter(k -> !failed.contains(k)).count();
    long orphaned = result.outcomes().stream()
        .filter(o -> o.change().action() == Action.ORPHANED).count();
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
