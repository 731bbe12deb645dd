package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.kube.ApplyLock;
import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.InventoryStore;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9.6: the inventory survives a kill mid-apply, two applies at once, corruption and loss;
 * through the engine and the fabric8 client against the embedded API server.
 */
class InventorySurvivalTest {
  @TempDir Path repo;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(repo);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aKillMidApplyLeavesEveryWrittenObjectListedSoTheNextApplyPrunesWhatGitDropped() {
    f.configMaps("a", "b", "c", "d");
    Engine.PlanRun run = f.engine().plan(f.snapshot());
    long before = f.cluster.requests().writes();
    // The process dies after its second object write: no final inventory is stored.
    RuntimeException killed = assertThrows(RuntimeException.class, () -> f.engine().apply(run,
        ApplyOptions.defaults().withConcurrency(1),
        () -> {
          if (f.cluster.requests().writes() - before >= 3) { // intent + two objects
            throw new IllegalStateException("killed");
          }
          return false;
        }));
    assertTrue(String.valueOf(killed.getCause()).contains("killed"), killed::toString);
    Set<String> written = f.labelled();
    assertEquals(2, written.size(), written::toString);
    assertTrue(f.inventory().containsAll(written), "intent lists what was written: " + f.inventory());

    // Git drops one of the objects the dead apply wrote; the next apply prunes it.
    String dropped = written.iterator().next();
    Set<String> keep = new TreeSet<>(Set.of("a", "b", "c", "d"));
    keep.remove(dropped);
    f.configMaps(keep.toArray(String[]::new));
    ApplyResult r = f.engine().apply(f.engine().plan(f.snapshot()), ApplyOptions.defaults());
    assertTrue(!r.failed(), r.outcomes()::toString);
    assertEquals(keep, f.labelled());
    assertEquals(keep, f.inventory(), "after a completed apply the inventory is exact");
  }

  @Test
  void aSecondApplyWaitsForTheLockThenFailsNamingTheHolderAndWritesNothing() throws Exception {
    f.configMaps("a");
    Engine.PlanRun run = f.engine().plan(f.snapshot());
    ApplyLock lock = new ApplyLock(f.cluster.client(), "default");
    try (ApplyLock.Held held = lock.acquire("agents", "ci-job-42", Duration.ZERO)) {
      long before = f.cluster.requests().writes();
      ClusterException e = assertThrows(ClusterException.class, () -> f.engine().apply(run,
          ApplyOptions.defaults().withLockTimeout(Duration.ZERO)));
      assertEquals(ClusterReason.APPLY_LOCKED, e.reason());
      assertTrue(e.getMessage().startsWith("source 'agents' is being applied by ci-job-42"
          + " (Lease default/roster-apply-agents"), e.getMessage());
      assertTrue(e.retryable());
      assertEquals(before, f.cluster.requests().writes(), f.cluster.requests()::toString);
      assertEquals(Set.of(), f.labelled());
    }
    assertNull(f.cluster.client().leases().inNamespace("default").withName("roster-apply-agents")
        .get(), "released");
    f.engine().apply(run, ApplyOptions.defaults());
    assertEquals(Set.of("a"), f.labelled());
    assertNull(f.cluster.client().leases().inNamespace("default").withName("roster-apply-agents")
        .get(), "an apply releases its lock");
  }

  @Test
  void anApplyPlannedBeforeAnotherOneLandedPlansAgainUnderTheLock() {
    f.configMaps("a");
    Engine.PlanRun stale = f.engine().plan(f.snapshot()); // Git: a
    f.configMaps("a", "b");
    f.engine().apply(f.engine().plan(f.snapshot()), ApplyOptions.defaults()); // Git: a, b
    assertEquals(Set.of("a", "b"), f.labelled());

    // The stale apply (Git: a) runs last: it plans again against the inventory the other left,
    // so b is pruned, not left live and unlisted.
    ApplyResult r = f.engine().apply(stale, ApplyOptions.defaults().withAllowMassPrune(true));
    assertTrue(!r.failed(), r.outcomes()::toString);
    assertEquals(Set.of("a"), f.labelled());
    assertEquals(Set.of("a"), f.inventory());
  }

  @Test
  void aCorruptInventoryIsRefusedNamingItsConfigMapAndRebuiltOnRequest() {
    f.configMaps("a", "b");
    f.sync();
    f.cluster.client().configMaps().inNamespace("default")
        .withName(InventoryStore.name("agents"))
        .edit(cm -> {
          cm.getBinaryData().put("inventory.gz", "bm90IGd6aXA=");
          return cm;
        });
    f.configMaps("a");
    ClusterException e = assertThrows(ClusterException.class,
        () -> f.engine().plan(f.snapshot()));
    assertEquals(ClusterReason.INVENTORY_CORRUPT, e.reason());
    assertTrue(e.getMessage().startsWith("inventory ConfigMap default/roster-inventory-agents"
        + " cannot be decoded ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("with 'roster apply --rebuild-inventory'"),
        e.getMessage());

    Engine rebuilding = f.engine();
    rebuilding.rebuildInventory();
    Engine.PlanRun run = rebuilding.plan(f.snapshot());
    assertEquals(1, run.plan().count(Action.PRUNE), run.plan().changes()::toString);
    rebuilding.apply(run, ApplyOptions.defaults().withAllowMassPrune(true));
    assertEquals(Set.of("a"), f.labelled());
    assertEquals(Set.of("a"), f.inventory());
  }

  @Test
  void aLostInventoryIsReportedObjectByObjectAndNeverPrunedOnAGuess() {
    f.configMaps("a", "b", "c");
    f.sync();
    f.cluster.client().configMaps().inNamespace("default")
        .withName(InventoryStore.name("agents")).delete();
    f.configMaps("a");

    Plan plan = f.engine().plan(f.snapshot()).plan();
    assertEquals(0, plan.count(Action.PRUNE));
    Map<String, String> orphaned = plan.of(Action.ORPHANED).stream()
        .collect(Collectors.toMap(c -> c.key().name(), Change::reason));
    assertEquals(Set.of("b", "c"), orphaned.keySet());
    assertEquals("labelled roster.dev/source=agents but in no inventory (it is missing or was"
        + " emptied), so never pruned; 'roster apply --rebuild-inventory' lists it again",
        orphaned.get("b"));
    f.engine().apply(f.engine().plan(f.snapshot()), ApplyOptions.defaults());
    assertEquals(Set.of("a", "b", "c"), f.labelled(), "nothing pruned on a guess");

    Engine rebuilding = f.engine();
    rebuilding.rebuildInventory();
    rebuilding.apply(rebuilding.plan(f.snapshot()),
        ApplyOptions.defaults().withAllowMassPrune(true));
    assertEquals(Set.of("a"), f.labelled());
    assertEquals(Set.of("a"), f.inventory());
    assertNotNull(f.cluster.client().configMaps().inNamespace("default").withName("a").get());
  }
}
