package dev.roster.engine;

import dev.roster.kube.LiveCache;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanMemo;
import dev.roster.plan.Planner;
import dev.roster.plan.RolloutPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A cached engine's plan made again only where its inputs may have moved: the last full or
 * partial plan, with the changes of the objects whose own inputs moved made again, and the rest
 * kept (stamped with the new revision).
 *
 * <p>Contract: the plan equals the one the full path ({@link PassPlanner}) would make now. A
 * change is kept only when its object is one whose decision rests on nothing but itself (it was
 * UNCHANGED, live, with no hold, and no rule reads its stamped revision) and none of its inputs
 * moved: the same desired object instance (the identity chain), a live object the cache names as
 * unmoved since the last plan's read ({@link LiveCache#changedSince}: every watch event, and every
 * read outside the informers' stores, moves its key), the same stored inventory (keys and runs),
 * source and repo. Everything else — new, changed or removed objects, every create, update, hold,
 * refusal, orphan and prune, objects read with a GET — is planned again each pass, against the
 * whole plan's changes as the rollout gate weighs them. Anything this cannot tell (a watch error,
 * relist or informer start, a rebuild, strays to report, a lost inventory, duplicate keys) makes
 * it answer null, and the full path runs and starts it afresh. Not thread-safe: one pass at a time.
 */
final class PlanReuse {
  private final Planner planner;
  private final Rollouts rollouts;
  private final Drift drift;
  private final java.util.Comparator<ResourceKey> order;
  private KnownPlan known;
  private volatile Counts counts = new Counts(0, 0, 0);

  /**
   * @param plans plans made partially so far
   * @param planned objects planned again in the last of them
   * @param kept objects kept from the plan before in the last of them
   */
  record Counts(long plans, int planned, int kept) {}

  PlanReuse(Planner planner, java.util.Comparator<ResourceKey> order, Rollouts rollouts,
      Drift drift) {
    this.planner = planner;
    this.order = order;
    this.rollouts = rollouts;
    this.drift = drift;
  }

  Counts counts() {
    return counts;
  }

  /** Forgets the last plan: the next one is made in full. */
  void forget() {
    known = null;
  }

  /**
   * Remembers a full plan made with the cache's version {@code liveVersion} taken before its
   * live read: {@code prepared} (what the gate weighed) and {@code decided} (the plan, before
   * strays), change by change in the same order.
   */
  void remember(DesiredState desired, Planner.Options options, Inventory stored,
      long liveVersion, Plan prepared, Plan decided) {
    known = KnownPlan.of(desired, options, stored, liveVersion, prepared, decided, rollouts,
        order);
  }

  /**
   * The plan of {@code desired} against {@code stored} and {@code live} made again only where it
   * may have moved, or null when the full path must run (see the class contract).
   *
   * @param versions {@code group/Kind} → apiVersion to read an inventory object with
   */
  Engine.PlanRun plan(DesiredState desired, Planner.Options options, Inventory stored,
      LiveCache live, Function<ResourceKey, String> versions, PlanMemo memo) {
    KnownPlan k = known;
    known = null; // until this plan is made and kept
    if (k == null || !k.options.source().equals(options.source())
        || !k.options.repo().equals(options.repo()) || stored.unlisted() != 0
        || stored.keys().isEmpty() || !k.sameInventory(stored)) {
      return null;
    }
    long before = live.version();
    Set<ResourceKey> moved = live.changedSince(k.liveVersion);
    KnownPlan.Delta delta = moved == null ? null : k.delta(desired.objects());
    if (delta == null) {
      return null;
    }
    // What is planned again: changed objects, moved ones, volatile ones, all prune candidates.
    Set<ResourceKey> again = new HashSet<>(k.volatiles);
    again.addAll(moved);
    delta.changed().forEach(d -> again.add(d.key()));
    for (ResourceKey gone : delta.removed()) {
      if (k.inventory.contains(gone)) {
        k.prunable.add(gone);
      }
    }
    delta.changed().forEach(d -> k.prunable.remove(d.key()));
    again.addAll(k.prunable);
    Map<ResourceKey, DesiredObject> byKey = new HashMap<>();
    delta.changed().forEach(d -> byKey.put(d.key(), d));
    List<DesiredObject> objects = new ArrayList<>();
    List<ResourceKey> prunes = new ArrayList<>();
    Set<ResourceKey> keys = new HashSet<>();
    Map<String, String> apiVersions = new HashMap<>(desired.apiVersions());
    for (ResourceKey key : again) {
      DesiredObject d = byKey.containsKey(key) ? byKey.get(key)
          : delta.removed().contains(key) ? null : k.desired(key);
      if (d != null) {
        objects.add(d);
        keys.add(key);
      } else if (k.prunable.contains(key)) {
        prunes.add(key);
        keys.add(key);
        apiVersions.computeIfAbsent(key.group() + "/" + key.kind(), gk -> versions.apply(key));
      }
    }
    Map<ResourceKey, LiveObject> liveObjects = live.read(keys, apiVersions);
    Plan part = rollouts.oneShots(planner.planPart(objects, liveObjects, prunes,
        stored.keys().size(), options, memo), stored);
    // The gate weighs every change of the plan: those kept, and those made again.
    for (ResourceKey key : again) {
      k.prepared.remove(key);
    }
    delta.removed().forEach(k.prepared::remove);
    part.changes().forEach(c -> k.prepared.put(c.key(), c));
    Plan decided = rollouts.gatePart(part, k.prepared);
    Plan plan = k.merge(desired.objects(), delta, decided, options, stored, rollouts);
    // Drift is judged against this plan from now on.
    Set<ResourceKey> left = new HashSet<>(again);
    left.addAll(delta.removed());
    decided.changes().forEach(c -> left.remove(c.key()));
    drift.wantedPart(delta.changed(), delta.removed(), options);
    drift.seenPart(decided.changes(), left);
    k.desired = desired;
    k.options = options;
    k.liveVersion = before;
    known = k;
    counts = new Counts(counts.plans() + 1, keys.size(),
        plan.changes().size() - decided.changes().size());
    return new Engine.PlanRun(desired, plan, stored, options, false);
  }

  /** Whether {@code c}'s plan rests on nothing but its own object, live object and rules. */
  static boolean standsAlone(Change prepared, Change decided, Rollouts rollouts) {
    return decided.action() == Action.UNCHANGED && decided.live() != null
        && decided.desired() != null && decided.reason().isEmpty()
        && !decided.rollout().waiting() && decided.origin() != null
        && (prepared.action() == Action.UNCHANGED || prepared.action() == Action.UPDATE)
        && rollouts.revisionBlind(decided);
  }

  /** Whether {@code c}'s desired object names its policy {@code HotReload} (a plan warning). */
  static boolean hot(Change c) {
    return RolloutPolicy.saysHotReload(c.desired());
  }
}
