package dev.roster.apply;

import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.Plan;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/** Executes plans; see the package contract. */
public final class Applier {
  private static final int CONFLICT_RETRIES = 3;

  private final ClusterWriter writer;
  private final KindOrder order;
  private final BiFunction<Change, Map<String, Object>, Change> replan;
  private final KeyMemo keys;

  /**
   * @param replan re-plans a change against fresh live state (null when the object is gone)
   */
  public Applier(KubernetesClient client, ResourceResolver resolver, KindOrder order,
      BiFunction<Change, Map<String, Object>, Change> replan) {
    this(client, resolver, order, replan, KeyMemo.none());
  }

  /** As above, with what {@code keys} remembers of the last plan (one per source). */
  public Applier(KubernetesClient client, ResourceResolver resolver, KindOrder order,
      BiFunction<Change, Map<String, Object>, Change> replan, KeyMemo keys) {
    this.writer = new ClusterWriter(client, resolver);
    this.order = order;
    this.replan = replan;
    this.keys = keys;
  }

  /** Applies {@code plan}; throws {@link ApplyException} before any write if prune is refused. */
  public ApplyResult apply(Plan plan, ApplyOptions options) {
    return apply(plan, options, () -> false);
  }

  /**
   * As {@link #apply(Plan, ApplyOptions)}; once {@code stop} answers true, writes not yet started
   * are skipped (writes in flight finish), for a graceful shutdown.
   */
  public ApplyResult apply(Plan plan, ApplyOptions options, BooleanSupplier stop) {
    return apply(plan, options, stop, null);
  }

  /**
   * As {@link #apply(Plan, ApplyOptions, BooleanSupplier)}; when the resulting inventory's keys
   * equal {@code previous} (the keys the plan was made with), the result holds that very set, so
   * that comparing or storing it again costs nothing (null: always a new set).
   */
  public ApplyResult apply(Plan plan, ApplyOptions options, BooleanSupplier stop,
      Set<ResourceKey> previous) {
    refuseEarly(plan, options, keys);
    List<Change> changes = plan.changes();
    // Waves hold plan positions, so that outcomes are kept by position: exact counts.
    Map<Integer, List<Integer>> applyWaves = new java.util.TreeMap<>();
    Map<Integer, List<Integer>> pruneWaves = new java.util.TreeMap<>(
        java.util.Comparator.reverseOrder());
    int total = 0;
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      if (c.action() == Action.PRUNE) {
        if (!options.prune()) {
          continue;
        }
        pruneWaves.computeIfAbsent(order.wave(c.key()), w -> new ArrayList<>()).add(i);
        total++;
      } else if (c.writes()) {
        applyWaves.computeIfAbsent(order.wave(c.key()), w -> new ArrayList<>()).add(i);
        total++;
      }
    }
    Outcome[] outcomes = new Outcome[changes.size()];
    if (total > 0) {
      Counted counted = new Counted(options.progress(), total);
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.concurrency()));
      try {
        for (List<Integer> wave : applyWaves.values()) {
          runWave(pool, changes, wave, options, outcomes, stop, counted);
        }
        for (List<Integer> wave : pruneWaves.values()) {
          runWave(pool, changes, wave, options, outcomes, stop, counted);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    Outcome[] ordered = new Outcome[changes.size()];
    for (int i = 0; i < ordered.length; i++) {
      ordered[i] = outcomes[i] != null ? outcomes[i]
          : new Outcome(changes.get(i), Outcome.Status.SKIPPED, "");
    }
    List<Outcome> all = List.of(ordered);
    return new ApplyResult(all, inventory(plan, all, previous,
        previous == null ? null : keys.listed(plan, previous)));
  }

  /** Progress as a count of finished writes. */
  private record Counted(ApplyProgress progress, int total,
      java.util.concurrent.atomic.AtomicInteger done) {
    Counted(ApplyProgress progress, int total) {
      this(progress, total, new java.util.concurrent.atomic.AtomicInteger());
    }

    Outcome finished(Outcome o) {
      progress.written(done.incrementAndGet(), total);
      return o;
    }
  }

  private void runWave(ExecutorService pool, List<Change> changes, List<Integer> wave,
      ApplyOptions options, Outcome[] outcomes, BooleanSupplier stop, Counted counted) {
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int at : wave) {
      Change c = changes.get(at);
      futures.add(pool.submit(() -> counted.finished(stop.getAsBoolean()
          ? new Outcome(c, Outcome.Status.SKIPPED, "shutting down") : applyOne(c, options))));
    }
    for (int i = 0; i < futures.size(); i++) {
      try {
        outcomes[wave.get(i)] = futures.get(i).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApplyException(ApplyReason.INTERRUPTED, "apply interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private Outcome applyOne(Change change, ApplyOptions options) {
    if (change.heldPrune()) { // kept for now: only its hold record is written
      try {
        write(change, options);
        return new Outcome(change, Outcome.Status.SKIPPED, "prune held: "
            + change.rollout().describe());
      } catch (ClusterException e) {
        return new Outcome(change, Outcome.Status.FAILED, e.getMessage(), e.reason());
      }
    }
    if (change.recreates()) {
      return recreate(change, options);
    }
    Change c = change;
    for (int attempt = 0; ; attempt++) {
      try {
        write(c, options);
        return new Outcome(c, Outcome.Status.APPLIED, "");
      } catch (ClusterException e) {
        if (e.reason() == ClusterReason.CONFLICT && options.exact()) {
          return new Outcome(c, Outcome.Status.FAILED, "changed live since the saved plan"
              + " (conflict); not written: plan again", e.reason());
        }
        if (e.reason() != ClusterReason.CONFLICT || attempt >= CONFLICT_RETRIES) {
          return new Outcome(c, Outcome.Status.FAILED, e.getMessage(), e.reason());
        }
        c = replan.apply(c, writer.get(c.key(), c.apiVersion()));
        if (!c.writes()) {
          return new Outcome(c, c.action() == Action.REFUSED ? Outcome.Status.FAILED
              : Outcome.Status.SKIPPED, c.reason());
        }
      }
    }
  }

  /**
   * Deletes the object (foreground: after its dependents) and creates it from Git. When the API
   * server still holds the old object (finalizers, dependents), the create is left to the next
   * pass, which finds it gone and creates it.
   */
  private Outcome recreate(Change c, ApplyOptions options) {
    try {
      writer.delete(c.key(), c.apiVersion(), DeletionPropagation.FOREGROUND);
    } catch (ClusterException e) {
      if (e.reason() != ClusterReason.NOT_FOUND) {
        return new Outcome(c, Outcome.Status.FAILED, e.getMessage());
      }
    }
    try {
      create(c, options);
      return new Outcome(c, Outcome.Status.APPLIED, "");
    } catch (ClusterException e) {
      if (e.reason() == ClusterReason.CONFLICT) {
        return new Outcome(c, Outcome.Status.SKIPPED, "deleted for a re-create; the API server"
            + " is still removing it (finalizers or dependents): created on the next pass");
      }
      return new Outcome(c, Outcome.Status.FAILED, e.getMessage());
    }
  }

  private void create(Change c, ApplyOptions options) {
    if (options.serverSide()) {
      writer.serverSideApply(c.key(), c.apiVersion(), c.desired());
    } else {
      writer.create(c.key(), c.apiVersion(), c.desired());
    }
  }

  private void write(Change c, ApplyOptions options) {
    switch (c.action()) {
      case CREATE -> create(c, options);
      case UPDATE -> {
        if (options.serverSide() && !c.rollout().waiting()) { // a held change: only its patch
          writer.serverSideApply(c.key(), c.apiVersion(), c.desired());
        } else {
          writer.patch(c.key(), c.apiVersion(), HoldPatch.of(c));
        }
      }
      case PRUNE -> {
        if (!c.heldPrune()) {
          writer.delete(c.key(), c.apiVersion());
        } else if (c.writes()) { // held: only its hold record
          writer.patch(c.key(), c.apiVersion(), HoldPatch.of(c));
        }
      }
      default -> { }
    }
  }

  /**
   * Throws the {@link ApplyException} {@link #apply} would throw before its first write: a plan
   * changing one object twice, or a prune the mass-prune guard refuses. For callers that write
   * something of their own first (the inventory's intent).
   */
  public static void refuseEarly(Plan plan, ApplyOptions options) {
    refuseEarly(plan, options, KeyMemo.none());
  }

  /** As {@link #refuseEarly(Plan, ApplyOptions)}, twins refused through {@code keys}. */
  public static void refuseEarly(Plan plan, ApplyOptions options, KeyMemo keys) {
    keys.refuseTwins(plan);
    if (options.prune()) {
      guardMassPrune(plan, options);
    }
  }

  private static void guardMassPrune(Plan plan, ApplyOptions options) {
    String why = pruneRefusal(plan, options);
    if (why != null) {
      throw new ApplyException(ApplyReason.PRUNE_REFUSED, why);
    }
  }

  /**
   * Why apply with {@code options} would refuse {@code plan}'s prunes before any write (the
   * mass-prune guard), or null when it would not; lets a plan predict its apply.
   */
  public static String pruneRefusal(Plan plan, ApplyOptions options) {
    long prunes = plan.count(Action.PRUNE);
    if (prunes == 0 || options.allowMassPrune() || !options.prune()) {
      return null;
    }
    long desired = plan.changes().size() - prunes - plan.count(Action.ORPHANED);
    if (desired == 0) {
      return "refusing to prune all " + prunes + " objects:"
          + " the desired state is empty (wrong --path or ref?); pass --allow-mass-prune if this"
          + " is intended";
    }
    if (prunes > options.maxPruneRatio() * plan.inventorySize()) {
      return String.format("refusing to prune %d of %d"
          + " managed objects (more than --max-prune-ratio %.2f); pass --allow-mass-prune if"
          + " this is intended", prunes, plan.inventorySize(), options.maxPruneRatio());
    }
    return null;
  }

  /**
   * Desired objects that exist and are ours, plus prunes that failed or are held (retried next
   * time). When those are exactly {@code previous} (no key twice: refused before), that set.
   *
   * @param outcomes one per change of {@code plan}, in plan order
   * @param in for each change of {@code plan}, whether {@code previous} holds its key ({@link
   *     KeyMemo#listed}); null with {@code previous}
   */
  static Inventory inventory(Plan plan, List<Outcome> outcomes, Set<ResourceKey> previous,
      boolean[] in) {
    if (previous != null) {
      int listed = 0;
      for (int i = 0; i < outcomes.size() && listed >= 0; i++) {
        if (listed(outcomes.get(i))) {
          listed = in[i] ? listed + 1 : -1;
        }
      }
      if (listed == previous.size()) {
        return new Inventory(plan.source(), plan.revision(), previous);
      }
    }
    Set<ResourceKey> keys = new HashSet<>();
    for (Outcome o : outcomes) {
      if (listed(o)) {
        keys.add(o.change().key());
      }
    }
    return new Inventory(plan.source(), plan.revision(), Set.copyOf(keys));
  }

  private static boolean listed(Outcome o) {
    Action a = o.change().action();
    boolean ok = o.status() != Outcome.Status.FAILED;
    boolean skipped = o.status() == Outcome.Status.SKIPPED;
    return a == Action.UNCHANGED || (a == Action.CREATE && ok && !skipped) || a == Action.UPDATE
        || (a == Action.PRUNE && (!ok || skipped || o.change().heldPrune()));
  }
}
