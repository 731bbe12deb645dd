package dev.roster.engine;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.kube.RelatedLister;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.ObjectHealth;
import dev.roster.plan.OneShots;
import dev.roster.plan.Plan;
import dev.roster.plan.Pointers;
import dev.roster.plan.ThreeWay;
import dev.roster.plan.RolloutGate;
import dev.roster.plan.RolloutPolicy;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent-aware part of a pass: leaves what the platform deleted on purpose alone ({@link
 * OneShots}), holds restart-class changes of busy agents ({@link RolloutGate}) with live work
 * counted through {@link RelatedLister}, reads each object's state ({@link ObjectHealth}), and
 * records the runs a pass created in the inventory.
 */
final class Rollouts {
  private final SchemaCatalog catalog;
  private final RelatedLister lister;
  private final RolloutGate gate;
  private final Clock clock;
  private final java.util.function.Function<ResourceKey, List<String>> ignores;
  /**
   * What {@link #record} made of each desired tree it saw (its ledger entry, or {@link #NO_RUN}),
   * by the instance of the tree's base ({@link OneShots#base}): desired trees are read-only and
   * kept from pass to pass, so a pass computes only those of new trees. Holds at most 256 trees
   * of earlier passes beyond the plan's. Used by one pass at a time.
   */
  private final Map<Object, String> entries = new java.util.IdentityHashMap<>();
  private static final String NO_RUN = new String("not a run");
  /**
   * The ledger the last {@link #record} returned, and by outcome position of that pass its
   * change's key and the entry it left there (null for none). When the next pass records
   * against that very ledger, an outcome whose key is the same instance at the same position
   * finds its entry there without hashing the key. Null while unknown.
   */
  private Map<ResourceKey, String> lastRuns;
  private ResourceKey[] lastKeys = new ResourceKey[0];
  private String[] lastEntries = new String[0];
  /**
   * By outcome position of the last {@link #record}: the desired tree's base ({@link
   * OneShots#base}) and its entry as {@link #entry} made it, read before the map by tree.
   */
  private Object[] lastTrees = new Object[0];
  private String[] lastTreeEntries = new String[0];
  private static final String REVISION = "/metadata/annotations/"
      + dev.roster.load.PointerIndex.escape(dev.roster.plan.Ownership.REVISION);

  Rollouts(SchemaCatalog catalog, KubernetesClient client, ResourceResolver resolver,
      Clock clock, RolloutPolicy.Mode defaultMode,
      java.util.function.Function<ResourceKey, List<String>> ignores) {
    this.catalog = catalog;
    this.lister = new RelatedLister(client, resolver, this::apiVersion);
    this.gate = new RolloutGate(this::profile, defaultMode, ignores);
    this.clock = clock;
    this.ignores = ignores;
  }

  /**
   * {@code plan} with one-shot runs and rollout holds decided, and each object's state read from
   * its live status ({@link ObjectHealth}).
   */
  Plan decide(Plan plan, Inventory previous) {
    return gate(oneShots(plan, previous));
  }

  /** The first step of {@link #decide}: one-shot runs decided. What the gate weighs. */
  Plan oneShots(Plan plan, Inventory previous) {
    return OneShots.apply(plan, previous.runs(), this::profile);
  }

  /** The rest of {@link #decide}, after {@link #oneShots}: holds, effects, states, warnings. */
  Plan gate(Plan prepared) {
    return ObjectHealth.attach(gate.apply(prepared, lister::list, clock.instant()), this::health);
  }

  /**
   * As {@link #gate} for the changes of {@code part} only, weighed within a whole plan whose
   * prepared changes by key are {@code whole}; without the plan's warnings.
   */
  Plan gatePart(Plan part, Map<ResourceKey, Change> whole) {
    return ObjectHealth.attach(gate.applyPart(part, whole, lister::list, clock.instant()),
        this::health);
  }

  /**
   * Whether what {@link #gate} makes of {@code c} ignores the revision stamped on its desired
   * object: no rule of its kind and source ({@link ThreeWay#rules}) covers that annotation.
   */
  boolean revisionBlind(Change c) {
    Profile.Rollout p = profile(c.key());
    for (ThreeWay.Rule r : ThreeWay.rules(c, p == null ? List.of() : p.runtimeOwned(),
        ignores.apply(c.key()))) {
      if (Pointers.covers(r.pointer(), REVISION)) {
        return false;
      }
    }
    return p == null || p.normalForms().isEmpty();
  }

  private List<Profile.Health> health(ResourceKey k) {
    return catalog.profile(k.group(), k.kind()).health();
  }

  /** Re-decides one re-planned change in the context of its whole plan. */
  Change redecide(Plan plan, Change fresh) {
    List<Change> changes = plan.changes().stream()
        .map(c -> c.key().equals(fresh.key()) ? fresh : c).toList();
    Plan one = gate.apply(new Plan(plan.source(), plan.revision(), changes,
        plan.inventorySize()), lister::list, clock.instant());
    return one.changes().stream().filter(c -> c.key().equals(fresh.key())).findFirst()
        .orElse(fresh);
  }

  /**
   * {@code next} with the objects the platform may delete on purpose (runs, AutoDelete agents,
   * squads) that exist or were created recorded, and those Git no longer defines forgotten.
   */
  synchronized Inventory record(Plan plan, ApplyResult result, Inventory previous,
      Inventory next) {
    Map<ResourceKey, String> before = previous.runs();
    List<Outcome> outcomes = result.outcomes();
    boolean known = before == lastRuns && lastKeys.length == outcomes.size();
    lastRuns = null; // the arrays are rewritten in place below
    if (lastKeys.length != outcomes.size()) {
      lastKeys = new ResourceKey[outcomes.size()];
      lastEntries = new String[outcomes.size()];
      lastTrees = new Object[outcomes.size()];
      lastTreeEntries = new String[outcomes.size()];
    }
    // Most passes leave the ledger as it was: checked first, then made only if it moved.
    int same = 0;
    boolean moved = false;
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      String now = ledgered(o, before, i);
      ResourceKey key = o.change().key();
      // before holds lastEntries[i] at lastKeys[i] (see the end): no lookup for the same key
      String was = known && key == lastKeys[i] && lastEntries[i] != null ? lastEntries[i]
          : now == null ? null : before.get(key);
      lastKeys[i] = key;
      lastEntries[i] = now;
      if (now == null) {
        continue;
      }
      if (!now.equals(was)) {
        moved = true;
        break;
      }
      same++;
    }
    Map<ResourceKey, String> after = before;
    // A plan holds each key once (twins are refused before planning), so as many equal entries
    // as the ledger holds means every entry of the ledger was met.
    if (moved || same != before.size()) {
      after = new HashMap<>();
      int n = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome o = outcomes.get(i);
        String now = ledgered(o, before, i);
        lastKeys[i] = o.change().key();
        lastEntries[i] = now;
        if (now != null) {
          after.put(o.change().key(), now);
          n++;
        }
      }
      known = after.size() == n; // no key twice: each key's entry is the one at its place
    } else {
      known = true; // each entry was found equal to the ledger's
    }
    if (entries.size() > outcomes.size() + 256) {
      forgetEntries(result);
    }
    // The same ledger keeps its instance, so what compares it next is an identity check.
    Inventory out = next.withRuns(after);
    lastRuns = known ? out.runs() : null;
    return out;
  }

  /** The ledger entry {@code o}, at place {@code at}, leaves for its object, or null for none. */
  private String ledgered(Outcome o, Map<ResourceKey, String> before, int at) {
    Change c = o.change();
    String entry = entry(c, at);
    if (entry == NO_RUN) {
      return null;
    }
    boolean created = (c.action() == Action.CREATE || c.recreates())
        && o.status() == Outcome.Status.APPLIED;
    // A re-create whose create waits for the old object to go: remembered as before, so the
    // next pass creates it rather than taking it for a run the platform cleaned up.
    boolean exists = c.live() != null && !c.recreates()
        && (c.action() == Action.UNCHANGED || c.action() == Action.UPDATE);
    // else cleaned up, or not created this time: as before
    return created || exists ? entry : before.get(c.key());
  }

  /**
   * The ledger entry of {@code c}'s desired object if the platform deletes it on purpose
   * ({@link OneShots#deletedBecause}), else {@link #NO_RUN}; remembered by desired tree, and by
   * the place {@code at} of the outcomes, where the same tree is found first.
   */
  private String entry(Change c, int at) {
    if (c.desired() == null) {
      return NO_RUN;
    }
    Object base = OneShots.base(c.desired());
    if (lastTrees[at] == base) {
      return lastTreeEntries[at];
    }
    String known = entries.get(base);
    if (known == null) {
      Profile.Rollout p = profile(c.key());
      known = OneShots.deletedBecause(p, c.desired()) == null ? NO_RUN
          : OneShots.entry(c.desired());
      entries.put(base, known);
    }
    lastTrees[at] = base;
    lastTreeEntries[at] = known;
    return known;
  }

  /** Keeps only the entries of {@code result}'s desired trees. */
  private void forgetEntries(ApplyResult result) {
    Map<Object, String> kept = new java.util.IdentityHashMap<>();
    for (Outcome o : result.outcomes()) {
      Map<String, Object> d = o.change().desired();
      if (d != null && entries.containsKey(OneShots.base(d))) {
        kept.put(OneShots.base(d), entries.get(OneShots.base(d)));
      }
    }
    entries.clear();
    entries.putAll(kept);
  }

  private Profile.Rollout profile(ResourceKey k) {
    return catalog.profile(k.group(), k.kind()).rollout();
  }

  private String apiVersion(String group, String kind) {
    List<String> v = catalog.versions(group, kind);
    return v.isEmpty() ? null : group.isEmpty() ? v.get(0) : group + "/" + v.get(0);
  }
}
