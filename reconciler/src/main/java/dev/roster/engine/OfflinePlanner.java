package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.RolloutMarks;
import dev.roster.plan.RolloutPolicy;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Plans one revision against another with no cluster: the base revision is taken to be exactly
 * what is live (as Roster would have applied it), so the plan shows what merging the head would
 * change. For pull-request review without cluster credentials. Each change is judged as apply
 * would judge it (a field the platform reads only at creation is not written in place) and marked
 * with how it would reach running agents ({@link RolloutMarks}); no hold is decided, as no work is
 * counted. It warns about the old policy word {@code HotReload}.
 */
public final class OfflinePlanner {
  private OfflinePlanner() {}

  /** Plans {@code head} against {@code base}; either failing validation throws. */
  public static Plan plan(SchemaCatalog catalog, Engine.Settings settings, Snapshot base,
      Snapshot head) {
    Planner planner = new Planner(new KindOrder(catalog));
    DesiredState before = DesiredState.of(base, catalog, settings.load(),
        settings.allowUnknownKinds(), settings.defaultNamespace());
    DesiredState after = DesiredState.of(head, catalog, settings.load(),
        settings.allowUnknownKinds(), settings.defaultNamespace());
    Planner.Options baseOptions = new Planner.Options(settings.source(), base.revision(),
        base.repo());
    Plan applied = planner.plan(before.objects(), Map.of(), Inventory.empty(settings.source()),
        baseOptions);
    Map<ResourceKey, LiveObject> live = new HashMap<>();
    Set<ResourceKey> keys = new HashSet<>();
    for (Change c : applied.changes()) {
      live.put(c.key(), new LiveObject(c.key(), c.desired()));
      keys.add(c.key());
    }
    Inventory inventory = new Inventory(settings.source(), base.revision(), Set.copyOf(keys));
    Plan plan = planner.plan(after.objects(), live, inventory,
        new Planner.Options(settings.source(), head.revision(), head.repo()));
    return RolloutPolicy.warnHotReload(RolloutMarks.mark(plan,
        k -> catalog.profile(k.group(), k.kind()).rollout(), settings::ignored));
  }
}
