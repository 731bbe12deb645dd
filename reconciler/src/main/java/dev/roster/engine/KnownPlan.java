package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.ChangesByKey;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.RolloutPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link PlanReuse} knows of the last plan, kept per key so that the next plan costs what
 * moved: the desired objects, what the gate weighed and decided, which keys are planned again
 * every pass, and the inventory it was planned against. Not thread-safe.
 */
final class KnownPlan {
  /** How the desired objects differ from the last plan's: new or replaced, and no longer defined. */
  record Delta(List<DesiredObject> changed, Set<ResourceKey> removed) {}

  DesiredState desired;
  Planner.Options options;
  long liveVersion;
  private List<DesiredObject> objects;
  private final Map<ResourceKey, DesiredObject> byKey;
  /** Every change of the last plan as the gate weighed it (after one-shot runs). */
  final ChangesByKey prepared;
  /** Keys whose change does not stand alone: planned again every pass. */
  final Set<ResourceKey> volatiles = new HashSet<>();
  /** Inventory keys Git does not define: planned again (pruned or not) every pass. */
  final Set<ResourceKey> prunable = new HashSet<>();
  final Set<ResourceKey> inventory;
  private Set<ResourceKey> inventoryKeys;
  private final Map<ResourceKey, String> runs;
  private List<Change> ordered;
  private Map<ResourceKey, Integer> position;
  private final Set<ResourceKey> hot = new HashSet<>();
  private final Comparator<ResourceKey> order;

  private KnownPlan(DesiredState desired, Planner.Options options, Inventory stored,
      long liveVersion, Comparator<ResourceKey> order) {
    this.desired = desired;
    this.objects = desired.objects();
    this.options = options;
    this.liveVersion = liveVersion;
    this.order = order;
    this.byKey = new HashMap<>(objects.size() * 2);
    this.prepared = new ChangesByKey(objects.size());
    this.inventory = new HashSet<>(stored.keys());
    this.inventoryKeys = stored.keys();
    this.runs = stored.runs();
  }

  /**
   * What a full plan leaves to know: {@code prepared} and {@code decided} change by change (the
   * plan before strays), or null when it cannot be kept (duplicate keys).
   */
  static KnownPlan of(DesiredState desired, Planner.Options options, Inventory stored,
      long liveVersion, Plan prepared, Plan decided, Rollouts rollouts,
      Comparator<ResourceKey> order) {
    KnownPlan k = new KnownPlan(desired, options, stored, liveVersion, order);
    desired.objects().forEach(d -> k.byKey.put(d.key(), d));
    int n = desired.objects().size();
    if (k.byKey.size() != n || prepared.changes().size() != decided.changes().size()
        || decided.changes().size() < n) {
      return null;
    }
    for (int i = 0; i < decided.changes().size(); i++) {
      Change p = prepared.changes().get(i);
      Change c = decided.changes().get(i);
      if (!p.key().equals(c.key()) || (i < n) != k.byKey.containsKey(c.key())) {
        return null;
      }
      k.prepared.put(c.key(), p);
      if (i < n) {
        k.note(p, c, rollouts);
      }
    }
    for (ResourceKey key : k.inventory) {
      if (!k.byKey.containsKey(key)) {
        k.prunable.add(key);
      }
    }
    k.ordered = decided.changes().subList(0, n);
    k.position = positions(k.ordered);
    return k;
  }

  /** The desired object of {@code key} in the last plan, or null. */
  DesiredObject desired(ResourceKey key) {
    return byKey.get(key);
  }

  /** Whether {@code stored} has the keys and runs of the inventory last planned with. */
  boolean sameInventory(Inventory stored) {
    if (stored.keys() != inventoryKeys) {
      if (stored.keys().size() != inventory.size() || !inventory.containsAll(stored.keys())) {
        return false;
      }
      inventoryKeys = stored.keys();
    }
    return stored.runs().equals(runs);
  }

  /**
   * How {@code now} differs from the last plan's desired objects, or null when a key is defined
   * twice. Compared by instance, place by place while the count is the same.
   */
  Delta delta(List<DesiredObject> now) {
    List<DesiredObject> changed = new ArrayList<>();
    Set<ResourceKey> removed = new HashSet<>();
    boolean placed = now.size() == objects.size();
    if (placed) {
      for (int i = 0; i < now.size(); i++) {
        if (now.get(i) != objects.get(i)) {
          removed.add(objects.get(i).key());
          changed.add(now.get(i));
        }
      }
    } else {
      Set<ResourceKey> keys = new HashSet<>();
      for (DesiredObject d : now) {
        if (!keys.add(d.key())) {
          return null; // defined twice
        }
        if (byKey.get(d.key()) != d) {
          changed.add(d);
        }
      }
      byKey.keySet().stream().filter(key -> !keys.contains(key)).forEach(removed::add);
    }
    Set<ResourceKey> seen = new HashSet<>();
    for (DesiredObject d : changed) {
      if (!seen.add(d.key())) {
        return null; // defined twice
      }
    }
    for (DesiredObject d : changed) {
      if (placed && !removed.remove(d.key()) && byKey.containsKey(d.key())) {
        return null; // defined in a place that did not change too
      }
    }
    return new Delta(changed, removed);
  }

  /**
   * The plan: the last one's desired changes with {@code decided}'s in their place (or added
   * in apply order), the others stamped with {@code o}'s revision, then {@code decided}'s prunes;
   * and this knowledge updated to it.
   */
  Plan merge(List<DesiredObject> now, Delta delta, Plan decided, Planner.Options o,
      Inventory stored, Rollouts rollouts) {
    delta.removed().forEach(key -> {
      byKey.remove(key);
      volatiles.remove(key);
      hot.remove(key);
    });
    delta.changed().forEach(d -> byKey.put(d.key(), d));
    objects = now;
    Map<ResourceKey, Change> fresh = new HashMap<>();
    List<Change> prunes = new ArrayList<>();
    for (Change c : decided.changes()) {
      if (byKey.containsKey(c.key())) {
        fresh.put(c.key(), c);
        note(prepared.get(c.key()), c, rollouts);
      } else {
        prunes.add(c);
      }
    }
    boolean restamp = !o.revision().equals(options.revision());
    List<Change> list = new ArrayList<>(byKey.size() + prunes.size());
    List<Change> added = new ArrayList<>();
    fresh.forEach((key, c) -> {
      if (!position.containsKey(key)) {
        added.add(c);
      }
    });
    if (delta.removed().isEmpty() && added.isEmpty()) {
      boolean[] made = new boolean[ordered.size()];
      list.addAll(ordered);
      fresh.forEach((key, c) -> {
        int at = position.get(key);
        list.set(at, c);
        made[at] = true;
      });
      for (int i = 0; restamp && i < made.length; i++) {
        if (!made[i]) {
          list.set(i, Planner.restamped(list.get(i), o));
        }
      }
    } else {
      added.sort((a, b) -> order.compare(a.key(), b.key()));
      int next = 0;
      for (Change c : ordered) {
        if (!byKey.containsKey(c.key())) {
          continue;
        }
        while (next < added.size() && order.compare(added.get(next).key(), c.key()) < 0) {
          list.add(added.get(next++));
        }
        Change f = fresh.get(c.key());
        list.add(f != null ? f : restamp ? Planner.restamped(c, o) : c);
      }
      list.addAll(added.subList(next, added.size()));
      position = positions(list);
    }
    ordered = list;
    List<Change> all = new ArrayList<>(list);
    all.addAll(prunes);
    Plan plan = new Plan(o.source(), o.revision(), all, stored.keys().size());
    return hot.isEmpty() ? plan : RolloutPolicy.warnHotReload(plan);
  }

  /** Records what the change {@code c} of a desired object (weighed as {@code p}) says. */
  private void note(Change p, Change c, Rollouts rollouts) {
    if (PlanReuse.standsAlone(p, c, rollouts)) {
      volatiles.remove(c.key());
    } else {
      volatiles.add(c.key());
    }
    if (PlanReuse.hot(c)) {
      hot.add(c.key());
    } else {
      hot.remove(c.key());
    }
  }

  private static Map<ResourceKey, Integer> positions(List<Change> changes) {
    Map<ResourceKey, Integer> out = new HashMap<>(changes.size() * 2);
    for (int i = 0; i < changes.size(); i++) {
      out.put(changes.get(i).key(), i);
    }
    return out;
  }
}
