package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.roster.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9.6 under faults, through the engine and real fabric8 clients against the embedded API
 * server: a process killed at every write of an apply (its client refuses everything from then
 * on, so it neither trims the inventory nor releases its Lease), two applies of one source from
 * two threads, and an inventory lost with objects labelled for the source live.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InventoryFaultTest {
  private static final String LEASE = ApplyLock.name("agents");
  private static final long WAIT_SECONDS = 60; // bounds a broken test only

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

  /** One write at a time, so a kill point is one exact write. */
  private static ApplyOptions one() {
    return ApplyOptions.defaults().withConcurrency(1);
  }

  /**
   * The apply from {a, x} to {a, b, c, d} writes six times: the intent, three creates, one prune
   * (x), the exact inventory. Killed before write k+1, it leaves every object it wrote listed;
   * then Git drops b, and the next apply (once the dead holder's Lease has expired) converges:
   * x and b pruned wherever the kill left them, the inventory exact, the Lease released.
   */
  @ParameterizedTest(name = "killed after {0} writes")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void aKillAtAnyWriteLeavesEveryObjectListedAndTheNextApplyConverges(int writes) {
    f.configMaps("a", "x");
    f.sync();
    f.configMaps("a", "b", "c", "d");
    Requests.Kill kill = new Requests.Kill(writes);
    try (KubernetesClient doomed = Requests.client(f.cluster, kill)) {
      Engine engine = f.engine(doomed);
      Engine.PlanRun run = engine.plan(f.snapshot());
      assertThrows(RuntimeException.class, () -> engine.apply(run, one().withAllowMassPrune(true)));
    }
    assertTrue(kill.happened());
    Set<String> listed = f.inventory();
    assertTrue(listed.containsAll(f.labelled()), "every object written is listed: live " + f.labelled()
        + ", inventory " + listed);
    assertTrue(f.cluster.client().leases().inNamespace("default").withName(LEASE).get() != null,
        "the dead apply still holds its Lease");

    f.configMaps("a", "c", "d");
    f.advance(ApplyLock.DURATION.plusSeconds(1)); // the dead holder stopped renewing
    Engine next = f.engine();
    ApplyResult r = next.apply(next.plan(f.snapshot()),
        one().withAllowMassPrune(true).withLockTimeout(Duration.ZERO));
    assertFalse(r.failed(), r.outcomes()::toString);
    assertEquals(Set.of("a", "c", "d"), f.labelled());
    assertEquals(Set.of("a", "c", "d"), f.inventory(), "the inventory is exact again");
    assertNull(f.cluster.client().leases().inNamespace("default").withName(LEASE).get());
  }

  /**
   * Two applies of one source from two threads. A holds the lock (intent stored, stopped before
   * its first object write); B with no patience fails naming A as the holder and writes nothing;
   * C, planned from an older Git, waits for A, then plans again against what A left, so the
   * result is exactly C's Git: b (created by A) pruned, nothing unlisted.
   */
  @Test
  void twoAppliesFromTwoThreadsOneWaitsTheOtherFailsNamingTheHolderAndTheResultIsExact()
      throws Exception {
    f.configMaps("a", "c");
    Engine.PlanRun planC = f.engine().plan(f.snapshot());
    f.configMaps("a", "b");
    Engine.PlanRun planA = f.engine().plan(f.snapshot());
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      applyTwice(planA, planC, aHolds, releaseA, threads);
    } finally {
      releaseA.countDown();
      threads.shutdownNow();
    }
    assertEquals(Set.of("a", "c"), f.labelled());
    assertEquals(Set.of("a", "c"), f.inventory());
    assertNull(f.cluster.client().leases().inNamespace("default").withName(LEASE).get());
  }

  private void applyTwice(Engine.PlanRun planA, Engine.PlanRun planC, CountDownLatch aHolds,
      CountDownLatch releaseA, ExecutorService threads) throws Exception {
    Future<ApplyResult> a = threads.submit(() ->
        f.engine().apply(planA, one(), () -> {
          aHolds.countDown();
          await(releaseA);
          return false;
        }));
    await(aHolds);
    String holder = f.cluster.client().leases().inNamespace("default").withName(LEASE).get()
        .getSpec().getHolderIdentity();
    assertTrue(holder.startsWith("roster on "), holder);

    long writes = f.cluster.requests().writes();
    ClusterException locked = assertThrows(ClusterException.class, () -> f.engine()
        .apply(f.engine().plan(f.snapshot()), one().withLockTimeout(Duration.ZERO)));
    assertEquals(ClusterReason.APPLY_LOCKED, locked.reason());
    assertTrue(locked.retryable());
    assertTrue(locked.getMessage().startsWith("source 'agents' is being applied by " + holder
        + " (Lease default/" + LEASE + ", renewed "), locked.getMessage());
    assertEquals(writes, f.cluster.requests().writes(), "B wrote nothing");

    CountDownLatch cLooked = new CountDownLatch(2); // C's first look, and one while waiting
    try (KubernetesClient watched = Requests.client(f.cluster,
        new Requests.Watch(LEASE, cLooked))) {
      Engine engineC = f.engine(watched);
      Future<ApplyResult> c = threads.submit(() -> engineC.apply(planC,
          one().withAllowMassPrune(true)));
      await(cLooked);
      assertFalse(c.isDone(), "C waits while A holds the lock");
      releaseA.countDown();
      assertFalse(a.get(WAIT_SECONDS, TimeUnit.SECONDS).failed());
      ApplyResult rc = c.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertFalse(rc.failed(), rc.outcomes()::toString);
      assertEquals(1, rc.count(Action.PRUNE, dev.roster.apply.Outcome.Status.APPLIED),
          "C planned again and pruned what A created: " + rc.outcomes());
    }
  }

  /**
   * A deleted inventory with labelled objects live: a warning with the counts on every plan,
   * also after an apply stored a new inventory (data.unlisted keeps plans looking), nothing
   * pruned; a rebuild takes back what carries Roster's provenance and prunes what Git dropped,
   * while a labelled object Roster never applied is kept and said so.
   */
  @Test
  void aLostInventoryWarnsOnEveryPlanUntilRebuiltAndARebuildTakesOnlyWhatRosterApplied() {
    f.configMaps("a", "b", "c");
    f.sync();
    f.cluster.client().configMaps().inNamespace("default")
        .withName(InventoryStore.name("agents")).delete();
    f.cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("hand").withNamespace("default")
        .addToLabels("roster.dev/source", "agents").endMetadata().build()).create();
    f.configMaps("a");

    Plan first = f.plan();
    assertEquals(List.of("4 objects labelled roster.dev/source=agents are live but not in its"
        + " inventory (ConfigMap default/roster-inventory-agents was lost or emptied): 1 that"
        + " Git defines will be listed again by apply; 3 that Git no longer defines are kept and"
        + " never pruned until 'roster apply --rebuild-inventory'"), first.warnings());
    assertEquals(0, first.count(Action.PRUNE));
    assertEquals(3, first.count(Action.ORPHANED));

    f.engine().apply(f.engine().plan(f.snapshot()), ApplyOptions.defaults());
    assertEquals(Set.of("a"), f.inventory());
    assertEquals("3", f.cluster.client().configMaps().inNamespace("default")
        .withName(InventoryStore.name("agents")).get().getData().get("unlisted"));
    Plan later = f.plan();
    assertEquals(List.of("3 objects labelled roster.dev/source=agents are live but not in its"
        + " inventory (ConfigMap default/roster-inventory-agents was lost or emptied): 0 that"
        + " Git defines will be listed again by apply; 3 that Git no longer defines are kept and"
        + " never pruned until 'roster apply --rebuild-inventory'"), later.warnings(),
        "an apply without a rebuild never makes the warning go away");
    assertEquals(Set.of("a", "b", "c", "hand"), f.labelled(), "nothing pruned on a guess");

    Engine rebuilding = f.engine();
    rebuilding.rebuildInventory();
    Engine.PlanRun run = rebuilding.plan(f.snapshot());
    assertEquals(List.of("rebuilding the inventory (ConfigMap default/roster-inventory-agents)"
        + " from 3 objects labelled roster.dev/source=agents that it does not list: 2 that Git no"
        + " longer defines will be pruned (under the mass-prune guard), 0 that Git defines are"
        + " listed again, 1 without Roster's provenance are kept and never pruned"),
        run.plan().warnings());
    assertEquals("labelled roster.dev/source=agents but without Roster's provenance"
        + " (app.kubernetes.io/managed-by=roster, annotation roster.dev/revision), so not taken by"
        + " --rebuild-inventory and never pruned; delete it by hand if it is not wanted",
        run.plan().of(Action.ORPHANED).get(0).reason());
    rebuilding.apply(run, ApplyOptions.defaults().withAllowMassPrune(true));
    assertEquals(Set.of("a", "hand"), f.labelled());
    assertEquals(Set.of("a"), f.inventory());
    assertEquals(1, f.plan().warnings().size(), "the hand-made object is still said");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out (test deadline)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
