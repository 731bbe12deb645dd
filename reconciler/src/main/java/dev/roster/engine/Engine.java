package dev.roster.engine;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.kube.ApplyLock;
import dev.roster.kube.InventoryStore;
import dev.roster.kube.LiveCache;
import dev.roster.kube.LiveReader;
import dev.roster.kube.LiveState;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.LoadOptions;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutPolicy;
import dev.roster.plan.Planner;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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

  private final KubernetesClient client;
  private final Settings settings;
  private final ResourceResolver resolver;
  private final InventoryStore inventories;
  private final LiveState live;
  private final DesiredLoader desired;
  private final boolean remembers;
  private final ClusterRefs clusterRefs;
  private final PassPlanner plans;
  private final PassApplier applies;
  private final DriftWatch watch;
  private final NoopShortcut shortcut;
  private final java.util.concurrent.atomic.AtomicBoolean verify =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Engine(SchemaCatalog catalog, KubernetesClient client, Settings settings, Clock clock,
      PassCaches caches, LiveState live) {
    this.client = client;
    this.settings = settings;
    KindOrder order = new KindOrder(catalog);
    this.resolver = new ResourceResolver(client);
    this.inventories = new InventoryStore(client, settings.inventoryNamespace());
    Rollouts rollouts = new Rollouts(catalog, client, resolver, clock, settings.rolloutPolicy(),
        settings::ignored);
    this.live = live != null ? live : new LiveReader(client, resolver);
    this.desired = new DesiredLoader(catalog, settings.load(), settings.allowUnknownKinds(),
        settings.defaultNamespace(), caches);
    this.clusterRefs = new ClusterRefs(catalog, client, resolver, settings.defaultNamespace());
    this.remembers = live != null;
    Drift drift = new Drift(new Planner(order), settings.source(),
        k -> catalog.profile(k.group(), k.kind()), settings::ignored);
    this.plans = new PassPlanner(catalog, client, settings, order, resolver, inventories,
        rollouts, drift, caches.plans());
    this.applies = new PassApplier(client, settings.source(), resolver, order,
        new ApplyLock(client, settings.inventoryNamespace(), clock), inventories, rollouts, plans);
    this.watch = new DriftWatch(drift, this::verifyNext);
    this.shortcut = live instanceof LiveCache cache ? new NoopShortcut(cache) : null;
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
    live.listen(engine.watch);
    engine.watch.onDrift(onDrift);
    engine.watch.onReset(onReset);
    return engine;
  }

  /**
   * As {@link #cached(SchemaCatalog, KubernetesClient, Settings, LiveCache, Runnable)}, timing
   * holds with {@code clock}, drift not watched (tests).
   */
  static Engine cached(SchemaCatalog catalog, KubernetesClient client, Settings settings,
      LiveCache live, Clock clock) {
    Engine engine = new Engine(catalog, client, settings, clock, PassCaches.fresh(), live);
    live.listen(engine.watch);
    return engine;
  }

  /**
   * Runs {@code onDrift} from now on whenever a live object departs from the last plan by an edit
   * that is not Roster's own. Only for a {@link #cached} engine; lets what reacts to drift (serve's
   * worker, which runs this engine's passes) be built after the engine, with no cycle.
   */
  public void watchDrift(Runnable onDrift) {
    requireCache();
    watch.onDrift(onDrift);
  }

  /**
   * Tells {@code onReset} why, whenever an informer reports a watch error, relist or reconnect
   * (the next pass is then a full verification in any case). Only for a {@link #cached} engine.
   */
  public void watchResets(java.util.function.Consumer<String> onReset) {
    requireCache();
    watch.onReset(onReset);
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
    boolean verifying = verify.getAndSet(false) && remembers;
    if (verifying) {
      resolver.forget();
      inventories.forget();
      plans.forgetMemo();
      shortcut.forget();
      live = new LiveReader(client, resolver);
    }
    // Load and validate the desired state; references Git does not resolve are looked up live.
    DesiredState desired = this.desired.of(snapshot, clusterRefs);
    Planner.Options options = new Planner.Options(settings.source(), snapshot.revision(),
        snapshot.repo());
    if (shortcut == null || verifying || plans.rebuilding()) {
      return plans.plan(desired, options, live);
    }
    // Nothing moved since a plan that changed nothing: that plan again (see NoopShortcut).
    Inventory stored = plans.readInventory();
    long before = shortcut.version();
    PlanRun same = shortcut.same(desired, options, stored, before);
    if (same != null) {
      return same;
    }
    PlanRun run = plans.plan(desired, options, live, stored);
    shortcut.remember(desired, options, stored, before, run);
    return run;
  }

  /** Plans made again only where they moved ({@code PlanReuse}), for tests. */
  PlanReuse.Counts plansPartial() {
    return plans.partial();
  }

  /** Passes a cached engine answered without planning ({@code NoopShortcut}), for tests. */
  long plansReused() {
    return shortcut == null ? 0 : shortcut.reused();
  }

  /**
   * From now on, plans rebuild the inventory: objects labelled for this source with Roster's
   * provenance that it does not list join it (so those Git no longer defines are pruned), and an
   * undecodable inventory is replaced instead of refused. For {@code roster apply
   * --rebuild-inventory} (and {@code roster plan --rebuild-inventory}, to see it first).
   */
  public void rebuildInventory() {
    plans.rebuild();
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
    return applies.apply(run, options, stop);
  }
}
