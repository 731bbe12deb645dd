package dev.roster.engine;

import dev.roster.apply.ApplyException;
import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyReason;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Applier;
import dev.roster.kube.ApplyLock;
import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.InventoryStore;
import dev.roster.kube.LabelledObjects;
import dev.roster.kube.LiveCache;
import dev.roster.kube.LiveReader;
import dev.roster.kube.LiveState;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.LoadOptions;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanMemo;
import dev.roster.plan.RolloutPolicy;
import dev.roster.plan.Planner;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** One reconcile pass against one cluster; see the package contract. */
public final class Engine {
  /**
   * What every pass of one source shares.
   *
   * @param source source name, stamped on every object and naming the inventory
   * @param defaultNamespace namespace of namespaced objects that name none
   * @param inventoryNamespace where the inventory ConfigMap lives
   * @param load parsing limits
   * @param allowUnknownKinds accept kinds without a schema
   * @param rolloutPolicy the rollout policy of objects without a {@code roster.dev/rollout}
   *     annotation (null: Rollout)
   * @param ignoreFields per kind ({@code Kind}, or {@code group/Kind} for one group only; the
   *     core group is {@code core}), pointers whose live-only changes are left alone (the source's
   *     {@code ignoreFields}, {@code --ignore-fields}; Git changes still go through, see {@link
   *     dev.roster.plan.ThreeWay})
   */
  public record Settings(String source, String defaultNamespace, String inventoryNamespace,
      LoadOptions load, boolean allowUnknownKinds, RolloutPolicy.Mode rolloutPolicy,
      Map<String, List<String>> ignoreFields) {
    public Settings {
      rolloutPolicy = rolloutPolicy == null ? RolloutPolicy.Mode.ROLLOUT : rolloutPolicy;
      ignoreFields = ignoreFields == null ? Map.of() : Map.copyOf(ignoreFields);
    }

    /** As the canonical constructor, ignoring no fields. */
    public Settings(String source, String defaultNamespace, String inventoryNamespace,
        LoadOptions load, boolean allowUnknownKinds, RolloutPolicy.Mode rolloutPolicy) {
      this(source, defaultNamespace, inventoryNamespace, load, allowUnknownKinds, rolloutPolicy,
          Map.of());
    }

    /** The pointers ignored for {@code key}'s kind: those of {@code Kind}, then {@code group/Kind}. */
    public List<String> ignored(ResourceKey key) {
      List<String> any = ignoreFields.getOrDefault(key.kind(), List.of());
      List<String> one = ignoreFields.getOrDefault(
          (key.group().isEmpty() ? "core" : key.group()) + "/" + key.kind(), List.of());
      if (one.isEmpty()) {
        return any;
      }
      List<String> all = new java.util.ArrayList<>(any);
      all.addAll(one);
      return List.copyOf(all);
    }

    /** As the canonical constructor, with the Rollout policy by default. */
    public Settings(String source, String defaultNamespace, String inventoryNamespace,
        LoadOptions load, boolean allowUnknownKinds) {
      this(source, defaultNamespace, inventoryNamespace, load, allowUnknownKinds,
          RolloutPolicy.Mode.ROLLOUT);
    }
  }

  /**
   * A plan and the desired state it was made from.
   *
   * @param previous the inventory planned with (on a rebuild, with the labelled objects taken)
   * @param relists whether apply stores another inventory even if no object changes: labelled
   *     objects Git defines are missing from it (it was lost), or what it says is unlisted moved
   */
  public record PlanRun(DesiredState desired, Plan plan, Inventory previous,
      Planner.Options options, boolean relists) {}

  private final SchemaCatalog catalog;
  private final KubernetesClient client;
  private final Settings settings;
  private final KindOrder order;
  private final Planner planner;
  private final ResourceResolver resolver;
  private final InventoryStore inventories;
  private final ApplyLock locks;
  private final Strays strays;
  private volatile boolean rebuild;
  private final Rollouts rollouts;
  private final LiveState live;
  private final DesiredLoader desired;
  private final boolean remembers;
  private volatile PlanMemo memo;
  private final Drift drift;
  private final ClusterRefs clusterRefs;
  private final java.util.concurrent.atomic.AtomicBoolean verify =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Runnable onDrift;
  private volatile java.util.function.Consumer<String> onReset;

  private Engine(SchemaCatalog catalog, KubernetesClient client, Settings settings, Clock clock,
      PassCaches caches, LiveState live) {
    this.catalog = catalog;
    this.client = client;
    this.settings = settings;
    this.order = new KindOrder(catalog);
    this.planner = new Planner(order);
    this.resolver = new ResourceResolver(client);
    this.inventories = new InventoryStore(client, settings.inventoryNamespace());
    this.locks = new ApplyLock(client, settings.inventoryNamespace(), clock);
    this.strays = new Strays(catalog, new LabelledObjects(client, resolver), settings.source(),
        settings.inventoryNamespace() + "/" + InventoryStore.name(settings.source()));
    this.rollouts = new Rollouts(catalog, client, resolver, clock, settings.rolloutPolicy(),
        settings::ignored);
    this.live = live != null ? live : new LiveReader(client, resolver);
    this.desired = new DesiredLoader(catalog, settings.load(), settings.allowUnknownKinds(),
        settings.defaultNamespace(), caches);
    this.memo = caches.plans();
    this.clusterRefs = new ClusterRefs(catalog, client, resolver, settings.defaultNamespace());
    this.remembers = live != null;
    this.drift = new Drift(new Planner(order), settings.source(),
        k -> catalog.profile(k.group(), k.kind()), settings::ignored);
  }

  /** An engine that reads everything afresh on every pass (the CLI): {@link PassCaches#none()}. */
  public static Engine oneShot(SchemaCatalog catalog, KubernetesClient client, Settings settings) {
    return oneShot(catalog, client, settings, Clock.systemUTC());
  }

  /** As {@link #oneShot(SchemaCatalog, KubernetesClient, Settings)}, timing holds with {@code clock}. */
  public static Engine oneShot(SchemaCatalog catalog, KubernetesClient client, Settings settings,
      Clock clock) {
    return new Engine(catalog, client, settings, clock, PassCaches.none(), null);
  }

  /**
   * An engine for many passes of one source (serve mode): live state from {@code live}'s
   * informers instead of lists, {@link PassCaches#fresh()} for the rest (see the package
   * contract), and {@code onDrift} run whenever a live object departs from the last plan by an
   * edit that is not Roster's own (null: drift is not watched). Same plans as {@link #oneShot}.
   */
  public static Engine cached(SchemaCatalog catalog, KubernetesClient client, Settings settings,
      LiveCache live, Runnable onDrift) {
    return cached(catalog, client, settings, live, onDrift, null);
  }

  /**
   * As {@link #cached(SchemaCatalog, KubernetesClient, Settings, LiveCache, Runnable)}; and when
   * an informer of {@code live} reports a watch error, relist or reconnect, the next pass is a
   * full verification ({@link #verifyNext}) and {@code onReset} (if not null) is told why, so the
   * caller can run that pass now rather than at the next resync.
   */
  public static Engine cached(SchemaCatalog catalog, KubernetesClient client, Settings settings,
      LiveCache live, Runnable onDrift, java.util.function.Consumer<String> onReset) {
    Engine engine = new Engine(catalog, client, settings, Clock.systemUTC(), PassCaches.fresh(),
        live);
    live.listen(new LiveCache.Listener() {
      @Override
      public void changed(ResourceKey key, LiveObject now) {
        Runnable r = engine.onDrift;
        if (r != null && engine.drift.departs(key, now)) {
          r.run();
        }
      }

      @Override
      public void reset(String why) {
        engine.verifyNext();
        java.util.function.Consumer<String> r = engine.onReset;
        if (r != null) {
          r.accept(why);
        }
      }
    });
    engine.onDrift = onDrift;
    engine.onReset = onReset;
    return engine;
  }

  /**
   * Runs {@code onDrift} from now on whenever a live object departs from the last plan by an edit
   * that is not Roster's own. Only for a {@link #cached} engine; lets what reacts to drift (serve's
   * worker, which runs this engine's passes) be built after the engine, with no cycle.
   */
  public void watchDrift(Runnable onDrift) {
    requireCache();
    this.onDrift = onDrift;
  }

  /**
   * Tells {@code onReset} why, whenever an informer reports a watch error, relist or reconnect
   * (the next pass is then a full verification in any case). Only for a {@link #cached} engine.
   */
  public void watchResets(java.util.function.Consumer<String> onReset) {
    requireCache();
    this.onReset = onReset;
  }

  private void requireCache() {
    if (!(live instanceof LiveCache)) {
      throw new IllegalStateException("the cluster is watched only through a LiveCache");
    }
  }

  /**
   * Makes the next {@link #plan} a full verification: discovery asked again, live state listed
   * afresh ({@link LiveReader}, the CLI's path) instead of read from the informers, and the plan
   * memo dropped, since what it remembered was judged against a view of the cluster that may
   * have been wrong (a watch error, a relist, a reconnect, an API server that came back empty,
   * or simply the resync interval). Thread-safe; many calls before a pass make one verification.
   */
  public void verifyNext() {
    verify.set(true);
  }

  /** Plans {@code snapshot} against the cluster; writes nothing. */
  public PlanRun plan(Snapshot snapshot) {
    LiveState live = this.live;
    if (verify.getAndSet(false) && remembers) {
      resolver.forget();
      inventories.forget();
      memo = new PlanMemo();
      live = new LiveReader(client, resolver);
    }
    // Load and validate the desired state; references Git does not resolve are looked up live.
    DesiredState desired = this.desired.of(snapshot, clusterRefs);
    return planAgainst(desired, new Planner.Options(settings.source(), snapshot.revision(),
        snapshot.repo()), live);
  }

  /** Plans a loaded desired state against the inventory and {@code live} as they are now. */
  private PlanRun planAgainst(DesiredState desired, Planner.Options options, LiveState live) {
    // Read the previous inventory (and, if it was lost, what is labelled for this source).
    Inventory stored = readInventory();
    Strays.Found found = strays.check(stored, desired.objects(), desired.apiVersions(), rebuild);
    Inventory previous = found.previous();
    // Read the live objects the inventory and Git name.
    Set<ResourceKey> keys = new HashSet<>(previous.keys());
    desired.objects().forEach(d -> keys.add(d.key()));
    Map<String, String> versions = new HashMap<>(desired.apiVersions());
    for (ResourceKey k : previous.keys()) {
      versions.computeIfAbsent(k.group() + "/" + k.kind(), gk -> preferredVersion(k));
    }
    Map<ResourceKey, LiveObject> liveObjects = live.read(keys, versions);
    // Plan.
    drift.wanted(desired.objects(), options);
    Plan plan = planner.plan(desired.objects(), liveObjects, previous, options, memo);
    // Hold restart-class changes of busy agents; leave cleaned-up runs alone.
    plan = rollouts.decide(plan, previous);
    // Say what a lost inventory left behind; never prune it on a guess.
    plan = Strays.withUnlisted(plan, found, rebuild);
    return new PlanRun(desired, plan, previous, options,
        found.relisted() > 0 || previous.differs(stored));
  }

  /** The stored inventory; with a rebuild, an undecodable one reads as empty. */
  private Inventory readInventory() {
    try {
      return inventories.read(settings.source());
    } catch (ClusterException e) {
      if (!rebuild || e.reason() != ClusterReason.INVENTORY_CORRUPT) {
        throw e;
      }
      return Inventory.empty(settings.source());
    }
  }

  /**
   * From now on, plans rebuild the inventory: objects labelled for this source with Roster's
   * provenance that it does not list join it (so those Git no longer defines are pruned), and an
   * undecodable inventory is replaced instead of refused. For {@code roster apply
   * --rebuild-inventory} (and {@code roster plan --rebuild-inventory}, to see it first).
   */
  public void rebuildInventory() {
    this.rebuild = true;
  }

  /** Applies a plan made by {@link #plan}, then stores the resulting inventory. */
  public ApplyResult apply(PlanRun run, ApplyOptions options) {
    return apply(run, options, () -> false);
  }

  /**
   * As {@link #apply(PlanRun, ApplyOptions)}, skipping writes not started once stop is true.
   * Anything written (objects or the inventory) is written under the source's apply lock: the
   * inventory is read again under it (and the plan made again if another apply landed since),
   * the intent is stored before the first object write, and the exact set after. A plan that
   * writes nothing and leaves the inventory as stored takes no lock.
   */
  public ApplyResult apply(PlanRun run, ApplyOptions options, BooleanSupplier stop) {
    Applier.refuseEarly(run.plan(), options); // refusals come before any write, the intent's too
    if (!run.relists() && run.plan().changes().stream().noneMatch(Change::writes)) {
      Applied quiet = execute(run, options, stop); // writes no object
      if (!run.previous().differs(quiet.next())) {
        return quiet.result();
      }
    }
    // One apply per source at a time, CLI and serve alike.
    try (ApplyLock.Held lock = locks.acquire(settings.source(), ApplyLock.newHolder(),
        options.lockTimeout())) {
      Inventory now = readInventory();
      if (!rebuild && (!now.keys().equals(run.previous().keys())
          || !now.revision().equals(run.previous().revision()))) {
        if (options.exact()) { // a saved plan is applied as made, or not at all
          throw new ApplyException(ApplyReason.PLAN_MOVED, "the inventory of source '"
              + settings.source() + "' moved since the plan (another apply, revision "
              + now.revision() + "); nothing written: plan again");
        }
        // Applied by another process since this plan: plan again against what it left.
        run = planAgainst(run.desired(), run.options(), new LiveReader(client, resolver));
        Applier.refuseEarly(run.plan(), options);
      }
      // Record the intent before the first write, so a kill never leaves objects unlisted.
      Inventory intent = Intent.of(run.plan(), run.previous());
      if (now.differs(intent)) {
        inventories.write(intent);
      }
      Applied done = execute(run, options, () -> stop.getAsBoolean() || lock.lost());
      if (lock.lost()) { // another apply took over: its inventory is newer than ours
        throw new ClusterException(ClusterReason.APPLY_LOCKED, "lost the lock of source '"
            + settings.source() + "' to " + lock.takenBy() + " during the apply (no renewal"
            + " for " + ApplyLock.DURATION.toSeconds() + "s); writes not started were skipped,"
            + " the inventory keeps this apply's intent");
      }
      // Store what this source manages now: the exact set.
      if (intent.differs(done.next())) {
        inventories.write(done.next());
      }
      return done.result();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApplyException(ApplyReason.INTERRUPTED, "interrupted while waiting for the"
          + " apply lock of source '" + settings.source() + "'; nothing written");
    }
  }

  /** What an apply did, and the inventory to store after it. */
  private record Applied(ApplyResult result, Inventory next) {}

  private Applied execute(PlanRun run, ApplyOptions options, BooleanSupplier stop) {
    Map<ResourceKey, DesiredObject> byKey = new HashMap<>();
    run.desired().objects().forEach(d -> byKey.put(d.key(), d));
    Applier applier = new Applier(client, resolver, order,
        (c, fresh) -> rollouts.redecide(run.plan(), replan(byKey, c, fresh, run.options())));
    // Apply in waves, then prune.
    ApplyResult result = applier.apply(run.plan(), options, stop);
    Inventory next = rollouts.record(run.plan(), result, run.previous(), result.inventory())
        .withUnlisted(run.previous().unlisted());
    return new Applied(new ApplyResult(result.outcomes(), next), next);
  }

  private Change replan(Map<ResourceKey, DesiredObject> byKey, Change c, Map<String, Object> fresh,
      Planner.Options o) {
    DesiredObject d = byKey.get(c.key());
    if (d == null) {
      return c;
    }
    Map<ResourceKey, LiveObject> live = fresh == null ? Map.of()
        : Map.of(c.key(), new LiveObject(c.key(), fresh));
    return planner.plan(List.of(d), live, Inventory.empty(settings.source()), o).changes().get(0);
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
