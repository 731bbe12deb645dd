package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.RolloutPolicy;
import dev.roster.validate.SchemaCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Differential: the run ledger {@link Rollouts#record} keeps, remembering each desired tree's
 * entry from pass to pass, equals the one a fresh {@code Rollouts} (remembering nothing) makes,
 * over a random walk of runs whose specs and rerun tokens change, come and go, are created,
 * cleaned up or restamped with new revisions; and an unchanged ledger keeps its instance. Keys
 * are mostly the same instances from pass to pass, sometimes at other places of the plan or new,
 * and the ledger recorded against is sometimes an equal copy (as read back from the cluster).
 */
class RunLedgerMemoTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final int RUNS = 40;

  private final Random random = new Random(Long.getLong("runLedger.seed", 14));
  private final Map<Integer, ResourceKey> keyInstances = new HashMap<>();

  @Test
  void rememberedEntriesEqualFreshOnes() {
    Rollouts remembering = rollouts();
    Map<Integer, Map<String, Object>> desired = new HashMap<>();
    Map<Integer, Action> actions = new HashMap<>();
    Inventory previous = new Inventory("s", "r0", Set.of());
    int unchangedLedgers = 0;
    for (int pass = 0; pass < 300; pass++) {
      String revision = "r" + pass;
      boolean quiet = random.nextInt(3) == 0; // Git and the platform moved nothing
      for (int i = 0; i < RUNS; i++) {
        int roll = quiet && desired.containsKey(i) ? 19 : random.nextInt(20);
        if (!desired.containsKey(i) || roll == 0) {
          desired.put(i, task(i, random.nextInt(3), random.nextInt(3))); // new spec or token
          actions.put(i, Action.CREATE);
        } else if (roll == 1) {
          desired.remove(i); // no longer in Git
        } else if (roll == 2) {
          actions.put(i, Action.CREATE); // cleaned up by the platform: created again or not
        } else if (roll == 3) {
          // the same spec in a new tree: equal entry, computed again
          desired.put(i, task(i, spec(desired.get(i)), rerun(desired.get(i))));
        } else {
          actions.put(i, Action.UNCHANGED);
        }
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (var e : desired.entrySet()) {
        Action a = actions.get(e.getKey());
        Change c = Planner.restamped(Change.builder(key(e.getKey()), "kubeopencode.io/v1alpha1",
            a).desired(e.getValue()).live(a == Action.CREATE ? null : e.getValue()).build(),
            new Planner.Options("s", revision, "repo"));
        Outcome.Status s = a == Action.CREATE && random.nextBoolean() ? Outcome.Status.FAILED
            : Outcome.Status.APPLIED;
        outcomes.add(new Outcome(c, s, ""));
      }
      if (random.nextInt(5) == 0) {
        java.util.Collections.shuffle(outcomes, random); // the same keys at other places
      }
      if (random.nextInt(7) == 0) { // an equal ledger, not the instance last recorded
        previous = previous.withRuns(new HashMap<>(previous.runs()));
      }
      Plan plan = new Plan("s", revision, outcomes.stream().map(Outcome::change).toList(),
          previous.keys().size());
      Set<ResourceKey> keys = new TreeSet<>((x, y) -> x.toString().compareTo(y.toString()));
      desired.keySet().forEach(i -> keys.add(keyInstances.get(i)));
      Inventory next = new Inventory("s", revision, Set.copyOf(keys));
      ApplyResult result = new ApplyResult(outcomes, next);
      Inventory kept = remembering.record(plan, result, previous, next);
      Inventory fresh = rollouts().record(plan, result, previous, next);
      assertEquals(fresh.runs(), kept.runs(), "pass " + pass);
      if (kept.runs().equals(previous.runs())) {
        assertSame(previous.runs(), kept.runs(), "an unchanged ledger keeps its instance");
        unchangedLedgers++;
      }
      previous = kept;
    }
    assertEquals(true, unchangedLedgers > 10, "few passes left the ledger as it was");
  }

  private static Rollouts rollouts() {
    return new Rollouts(CATALOG, null, null, Clock.systemUTC(), RolloutPolicy.Mode.ROLLOUT,
        k -> List.of());
  }

  /** The key of run {@code i}: mostly the instance of the pass before, sometimes a new one. */
  private ResourceKey key(int i) {
    if (random.nextInt(10) == 0) {
      keyInstances.remove(i);
    }
    return keyInstances.computeIfAbsent(i,
        n -> new ResourceKey("kubeopencode.io", "Task", "default", "task-" + n));
  }

  private static Map<String, Object> task(int i, int spec, int rerun) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "task-" + i);
    meta.put("namespace", "default");
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("roster.dev/revision", "r");
    if (rerun > 0) {
      annotations.put("roster.dev/rerun", "token " + rerun);
    }
    meta.put("annotations", annotations);
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", "kubeopencode.io/v1alpha1");
    tree.put("kind", "Task");
    tree.put("metadata", meta);
    tree.put("spec", Map.of("description", "work " + spec, "agentRef", Map.of("name", "a")));
    return tree;
  }

  private static int spec(Map<String, Object> task) {
    String d = (String) ((Map<?, ?>) task.get("spec")).get("description");
    return Integer.parseInt(d.substring(d.length() - 1));
  }

  private static int rerun(Map<String, Object> task) {
    Object token = ((Map<?, ?>) ((Map<?, ?>) task.get("metadata")).get("annotations"))
        .get("roster.dev/rerun");
    return token == null ? 0 : Integer.parseInt(token.toString().substring(6));
  }
}
