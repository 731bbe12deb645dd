package dev.roster.serve;

import static dev.roster.serve.ServeRig.NEVER;
import static dev.roster.serve.ServeRig.SOURCE;
import static dev.roster.serve.ServeRig.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.kube.ApplyLock;
import dev.roster.kube.InventoryStore;
import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Condition;
import dev.roster.status.Conditions;
import dev.roster.status.SourceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9.6 under {@code roster serve}: a lost inventory is a warning with its counts in status
 * and the log on every pass, never a silent skip of prunes; an apply lock held elsewhere is a
 * retryable failure naming the holder, applied once the lock is free.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeInventoryTest {
  @TempDir Path tmp;
  ServeRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  private static Condition ready(SourceStatus s) {
    return Conditions.find(s.conditions(), Conditions.READY).orElseThrow();
  }

  @Test
  void aLostInventoryIsAWarningWithItsCountsInStatusAndTheLog() throws Exception {
    String c1 = rig.seed("a", "b", "c");
    Supervisor sup = rig.serve(ServeRig.settings(rig.source(NEVER)), new Metrics());
    rig.awaitApplied(c1);
    rig.cluster.client().configMaps().inNamespace(SYSTEM).withName(InventoryStore.name(SOURCE))
        .delete();
    rig.repo.delete("apps/c.yaml");
    String c2 = rig.repo.commit("drop c");
    sup.poller(SOURCE).tick();

    String warning = "4 objects labelled roster.dev/source=config are live but not in its"
        + " inventory (ConfigMap roster-system/roster-inventory-config was lost or emptied): 3"
        + " that Git defines will be listed again by apply; 1 that Git no longer defines is kept"
        + " and never pruned until 'roster apply --rebuild-inventory'";
    SourceStatus s = rig.awaitApplied(c2);
    assertTrue(ready(s).message().endsWith("; warning: " + warning), ready(s).toString());
    assertEquals("v1", rig.live().get("c"), "nothing pruned on a guess");
    String log = rig.log.toString();
    assertTrue(log.lines().anyMatch(l -> l.contains(" warn " + SOURCE + " ")
        && l.endsWith(warning)), log);

    // The next pass (nothing new in Git) still says it: the stored inventory counts it.
    assertEquals("1", rig.cluster.client().configMaps().inNamespace(SYSTEM)
        .withName(InventoryStore.name(SOURCE)).get().getData().get("unlisted"));
    rig.repo.write("apps/d.yaml", ConfigRepo.configMap("d", "v1"));
    String c3 = rig.repo.commit("add d");
    sup.poller(SOURCE).tick();
    SourceStatus later = rig.awaitApplied(c3);
    assertTrue(ready(later).message().contains("; warning: 1 object labelled"
        + " roster.dev/source=config is live but not in its inventory"), ready(later).toString());
  }

  @Test
  void anApplyLockHeldElsewhereIsARetryableFailureNamingTheHolder() throws Exception {
    String c1 = rig.seed("a");
    ApplyLock.Held held = new ApplyLock(rig.cluster.client(), SYSTEM)
        .acquire(SOURCE, "ci-job-7", Duration.ZERO);
    try {
      rig.serve(ServeRig.settings(rig.source(NEVER), ApplyOptions.defaults()
          .withLockTimeout(Duration.ZERO), false, "test", Duration.ofSeconds(15)), new Metrics());
      SourceStatus s = rig.awaitStatus("a failed pass", st -> !rig.live().containsKey("a")
          && Conditions.find(st.conditions(), Conditions.READY)
              .map(c -> Conditions.FALSE.equals(c.status())).orElse(false));
      assertEquals(Conditions.APPLY_FAILED, ready(s).reason());
      assertTrue(ready(s).message().startsWith("source 'config' is being applied by ci-job-7"
          + " (Lease roster-system/roster-apply-config"), ready(s).toString());
      assertFalse(Conditions.isTrue(s.conditions(), Conditions.STALLED),
          "retryable: " + s.conditions());
    } finally {
      held.close();
    }
    rig.awaitApplied(c1); // retried with backoff once the lock is free
    assertEquals("v1", rig.live().get("a"));
  }
}
