package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Planner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells drift from Roster's own writes: a live change departs from the last plan when a desired
 * object is deleted, or when planning it again against its new live state would write. Roster's
 * own creates and patches leave objects equal to what Git wants, so they never count. Objects Git
 * no longer wants are left to the next pass (prune comes from the inventory). Thread-safe.
 */
final class Drift {
  private record Wanted(Map<ResourceKey, DesiredObject> byKey, Planner.Options options) {}

  private final Planner planner;
  private final Inventory none;
  private volatile Wanted wanted;

  Drift(Planner planner, String source) {
    this.planner = planner;
    this.none = Inventory.empty(source);
  }

  /** What the latest plan wants; later changes are judged against it. */
  void wanted(List<DesiredObject> objects, Planner.Options options) {
    Map<ResourceKey, DesiredObject> byKey = new HashMap<>();
    objects.forEach(d -> byKey.put(d.key(), d));
    wanted = new Wanted(byKey, options);
  }

  /** Whether {@code live} (null: deleted) departs from what the latest plan wants. */
  boolean departs(ResourceKey key, LiveObject live) {
    Wanted w = wanted;
    DesiredObject d = w == null ? null : w.byKey().get(key);
    if (d == null) {
      return false;
    }
    if (live == null) {
      return true;
    }
    Action a = planner.plan(List.of(d), Map.of(key, live), none, w.options()).changes().get(0)
        .action();
    return a != Action.UNCHANGED;
  }
}
