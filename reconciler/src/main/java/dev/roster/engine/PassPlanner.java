package dev.roster.engine;

import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.InventoryStore;
import dev.roster.kube.LabelledObjects;
import dev.roster.kube.LiveCache;
import dev.roster.kube.LiveState;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanMemo;
import dev.roster.plan.Planner;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Engine's planning job: a loaded desired state against the stored inventory (and, when it was
 * lost, what is labelled for the source) and the live objects both name, then rollout holds and
 * what a lost inventory left behind. Writes nothing. Owns the plan memo and the rebuild switch.
 */
final class PassPlanner {
  private final SchemaCatalog catalog;
  private final String source;
  private final Planner planner;
  private final ResourceResolver resolver;
  private final InventoryStore inventories;
  private final Strays strays;
  private final Rollouts rollouts;
  private final Drift drift;
  private volatile PlanMemo memo;
  private volatile boolean rebuild;
  private final PlanReuse reuse;

  PassPlanner(SchemaCatalog catalog, KubernetesClient client, Engine.Settings settings,
      KindOrder order, ResourceResolver resolver, InventoryStore inventories, Rollouts rollouts,
      Drift drift, PlanMemo memo) {
    this.catalog = catalog;
    this.source = settings.source();
    this.planner = new Planner(order);
    this.resolver = resolver;
    this.inventories = inventories;
    this.strays = new Strays(catalog, new LabelledObjects(client, resolver), settings.source(),
        settings.inventoryNamespace() + "/" + InventoryStore.name(settings.source()));
    this.rollouts = rollouts;
    this.drift = drift;
    this.memo = memo;
    this.reuse = new PlanReuse(planner, order, rollouts, drift);
  }

  /**
   * Drops the plan memo and the last plan: what they remembered was judged against a view that
   * may be wrong.
   */
  void forgetMemo() {
    memo = new PlanMemo();
    reuse.forget();
  }

  /** What the partial plans of this planner did so far. */
  PlanReuse.Counts partial() {
    return reuse.counts();
  }

  /** See {@link Engine#rebuildInventory}. */
  void rebuild() {
    rebuild = true;
  }

  boolean rebuilding() {
    return rebuild;
  }

  /** Plans a loaded desired state against the inventory and {@code live} as they are now. */
  Engine.PlanRun plan(DesiredState desired, Planner.Options options, LiveState live) {
    return plan(desired, options, live, readInventory());
  }

  /** As {@link #plan(DesiredState, Planner.Options, LiveState)}, {@code stored} just read. */
  Engine.PlanRun plan(DesiredState desired, Planner.Options options, LiveState live,
      Inventory stored) {
    LiveCache cache = live instanceof LiveCache c && !rebuild ? c : null;
    if (cache != null) {
      // Only what may have moved since the last plan, when that can be told (see PlanReuse).
      Engine.PlanRun run = reuse.plan(desired, options, stored, cache, this::preferredVersion,
          memo);
      if (run != null) {
        return run;
      }
    } else {
      reuse.forget();
    }
    // What is labelled for this source, if the inventory was lost.
    Strays.Found found = strays.check(stored, desired.objects(), desired.apiVersions(), rebuild);
    Inventory previous = found.previous();
    // Read the live objects the inventory and Git name.
    Set<ResourceKey> keys = new HashSet<>(previous.keys());
    desired.objects().forEach(d -> keys.add(d.key()));
    Map<String, String> versions = new HashMap<>(desired.apiVersions());
    for (ResourceKey k : previous.keys()) {
      versions.computeIfAbsent(k.group() + "/" + k.kind(), gk -> preferredVersion(k));
    }
    long liveVersion = cache == null ? 0 : cache.version();
    Map<ResourceKey, LiveObject> liveObjects = live.read(keys, versions);
    // Plan.
    drift.wanted(desired.objects(), options);
    Plan prepared = rollouts.oneShots(
        planner.plan(desired.objects(), liveObjects, previous, options, memo), previous);
    // Hold restart-class changes of busy agents; leave cleaned-up runs alone.
    Plan plan = rollouts.gate(prepared);
    boolean relists = found.relisted() > 0 || previous.differs(stored);
    if (cache != null && found.warning() == null && !relists) {
      reuse.remember(desired, options, stored, liveVersion, prepared, plan);
    }
    // Say what a lost inventory left behind; never prune it on a guess.
    plan = Strays.withUnlisted(plan, found, rebuild);
    drift.seen(plan);
    return new Engine.PlanRun(desired, plan, previous, options, relists);
  }

  /** The stored inventory; with a rebuild, an undecodable one reads as empty. */
  Inventory readInventory() {
    try {
      return inventories.read(source);
    } catch (ClusterException e) {
      if (!rebuild || e.reason() != ClusterReason.INVENTORY_CORRUPT) {
        throw e;
      }
      return Inventory.empty(source);
    }
  }

  /**
   * {@code c} planned again against {@code fresh} (the live object now, null when gone), for the
   * applier's conflict retries; {@code c} itself when Git does not define its object.
   */
  Change replan(Map<ResourceKey, DesiredObject> byKey, Change c, Map<String, Object> fresh,
      Planner.Options o) {
    DesiredObject d = byKey.get(c.key());
    if (d == null) {
      return c;
    }
    Map<ResourceKey, LiveObject> live = fresh == null ? Map.of()
        : Map.of(c.key(), new LiveObject(c.key(), fresh));
    return planner.plan(List.of(d), live, Inventory.empty(source), o).changes().get(0);
  }

  /**
   * The apiVersion to read an inventory object with that Git no longer defines: the catalog's,
   * or for a kind without a schema (--allow-unknown-kinds) the one the server serves, so such
   * objects are pruned too; null when neither knows the kind.
   */
  private String preferredVersion(ResourceKey k) {
    List<String> v = catalog.versions(k.group(), k.kind());
    if (v.isEmpty()) {
      return resolver.servedVersion(k.group(), k.kind()).orElse(null);
    }
    return k.group().isEmpty() ? v.get(0) : k.group() + "/" + v.get(0);
  }
}
