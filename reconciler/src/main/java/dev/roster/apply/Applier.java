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
import java.util.IdentityHashMap;
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

  /**
   * @param replan re-plans a change against fresh live state (null when the object is gone)
   */
  public Applier(KubernetesClient client, ResourceResolver resolver, KindOrder order,
      BiFunction<Change, Map<String, Object>, Change> replan) {
    this.writer = new ClusterWriter(client, resolver);
    this.order = order;
    this.replan = replan;
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
    refuseEarly(plan, options);
    Map<Integer, List<Change>> applyWaves = new java.util.TreeMap<>();
    Map<Integer, List<Change>> pruneWaves = new java.util.TreeMap<>(
        java.util.Comparator.reverseOrder());
    for (Change c : plan.changes()) {
      if (c.action() == Action.PRUNE) {
        if (!options.prune()) {
          continue;
        }
        pruneWaves.computeIfAbsent(order.wave(c.key()), w -> new ArrayList<>()).add(c);
      } else if (c.writes()) {
        applyWaves.computeIfAbsent(order.wave(c.key()), w -> new ArrayList<>()).add(c);
      }
    }
    Map<Change, Outcome> outcomes = new IdentityHashMap<>(); // by planned change: exact counts
    int total = applyWaves.values().stream().mapToInt(List::size).sum()
        + pruneWaves.values().stream().mapToInt(List::size).sum();
    Counted counted = new Counted(options.progress(), total);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.concurrency()));
    try {
      for (List<Change> wave : applyWaves.values()) {
        runWave(pool, wave, options, outcomes, stop, counted);
      }
      for (List<Change> wave : pruneWaves.values()) {
        runWave(pool, wave, options, outcomes, stop, counted);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Outcome> ordered = new ArrayList<>();
    for (Change c : plan.changes()) {
      ordered.add(outcomes.getOrDefault(c, new Outcome(c, Outcome.Status.SKIPPED, "")));
    }
    return new ApplyResult(List.copyOf(ordered), inventory(plan, ordered));
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

  private void runWave(ExecutorService pool, List<Change> wave, ApplyOptions options,
      Map<Change, Outcome> outcomes, BooleanSupplier stop, Counted counted) {
    List<Future<Outcome>> futures = new ArrayList<>();
    for (Change c : wave) {
      futures.add(pool.submit(() -> counted.finished(stop.getAsBoolean()
          ? new Outcome(c, Outcome.Status.SKIPPED, "shutting down") : applyOne(c, options))));
    }
    for (int i = 0; i < futures.size(); i++) {
      try {
        outcomes.put(wave.get(i), futures.get(i).get());
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
    guardDuplicates(plan);
    if (options.prune()) {
      guardMassPrune(plan, options);
    }
  }

  /**
   * Refuses, before any write, a plan with two changes for one object: their outcomes, counts
   * and inventory could not all be true (validation reports such twins first).
   */
  private static void guardDuplicates(Plan plan) {
    Set<ResourceKey> seen = new HashSet<>();
    for (Change c : plan.changes()) {
      if (!seen.add(c.key())) {
        throw new ApplyException(ApplyReason.DUPLICATE_OBJECT, "the plan changes " + c.key().kind() + " "
            + (c.key().namespace().isEmpty() ? "" : c.key().namespace() + "/") + c.key().name()
            + " twice; nothing written (is it defined twice in the repo?)");
      }
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
   * time).
   */
  private static Inventory inventory(Plan plan, List<Outcome> outcomes) {
    Set<ResourceKey> keys = new HashSet<>();
    for (Outcome o : outcomes) {
      Action a = o.change().action();
      boolean ok = o.status() != Outcome.Status.FAILED;
      boolean skipped = o.status() == Outcome.Status.SKIPPED;
      if (a == Action.UNCHANGED || (a == Action.CREATE && ok && !skipped) || a == Action.UPDATE
          || (a == Action.PRUNE && (!ok || skipped || o.change().heldPrune()))) {
        keys.add(o.change().key());
      }
    }
    return new Inventory(plan.source(), plan.revision(), Set.copyOf(keys));
  }
}
