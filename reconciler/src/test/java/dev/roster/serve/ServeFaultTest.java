package dev.roster.serve;

import static dev.roster.serve.ServeRig.NEVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Conditions;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's faults 1 and 2 through serve end to end: the embedded API server stopped and
 * restarted empty on its port under a running supervisor, and the Git repository moved away and
 * back on disk. Retry backoff is milliseconds here so retries happen within the test; every wait
 * is a bounded poll on live state, status or metrics.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeFaultTest {
  static final ServeSettings.Retry FAST = new ServeSettings.Retry(Duration.ofMillis(20),
      Duration.ofMillis(200));

  @TempDir Path tmp;
  ServeRig rig;
  final Metrics metrics = new Metrics();

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  Supervisor serve(Duration resync) {
    return serve(resync, NEVER);
  }

  Supervisor serve(Duration resync, Duration probe) {
    return rig.serve(ServeRig.settings(rig.source(NEVER)).toBuilder().resyncInterval(resync)
        .retry(FAST).probeInterval(probe).build(), metrics);
  }

  @Test
  void anApiServerBackEmptyIsConvergedWithoutACommitOnceTheProbeReachesItAgain()
      throws Exception {
    // No resync interval elapses in this test: only noticing the outage can start the repair.
    apiServerBackEmptyIsConverged(serve(NEVER, Duration.ofMillis(100)), "reconnect");
  }

  @Test
  void anApiServerBackEmptyIsConvergedByTheResyncInterval() throws Exception {
    apiServerBackEmptyIsConverged(serve(Duration.ofMillis(200)), "interval");
  }

  private void apiServerBackEmptyIsConverged(Supervisor sup, String cause) throws Exception {
    String commit = rig.seed("a", "b");
    rig.awaitApplied(commit);
    assertEquals(Map.of("a", "v1", "b", "v1"), rig.live());
    assertEquals(200, rig.get(sup, "/readyz").status());

    double failedBefore = ServeRig.sum(rig.metrics(sup), "roster_reconciles_total",
        "result=\"failed\""); // the start pass may fail: serve starts before the first commit
    rig.cluster.stop();
    Waits.until("serve to notice the API server is gone (/readyz 503)",
        () -> rig.get(sup, "/readyz").status() == 503);
    assertEquals(0.0, ServeRig.sample(rig.metrics(sup), "roster_cluster_reachable"));
    assertEquals(200, rig.get(sup, "/healthz").status(), "liveness is not readiness");

    Waits.until("a pass to fail while the API server is gone", () -> ServeRig.sum(
        rig.metrics(sup), "roster_reconciles_total", "result=\"failed\"") > failedBefore);
    rig.cluster.restart(); // empty, same port; no new commit anywhere
    Waits.until("objects re-created on the empty API server",
        () -> rig.live().equals(Map.of("a", "v1", "b", "v1")));
    SourceStatus s = rig.awaitStatus("Ready again, with the unreachable episode in history",
        st -> Conditions.isTrue(st.conditions(), Conditions.READY)
            && st.history().stream().anyMatch(r -> Conditions.CLUSTER_UNREACHABLE
                .equals(r.reason())));
    assertEquals(ConfigRepo.revision(commit), s.lastAppliedRevision());
    assertEquals(ReconcileRecord.SUCCEEDED, s.history().get(0).result(),
        "the repair wrote the objects again: " + s.history().get(0));
    Waits.until("/readyz 200 again", () -> rig.get(sup, "/readyz").status() == 200);
    String m = rig.metrics(sup);
    assertEquals(1.0, ServeRig.sample(m, "roster_cluster_reachable"));
    assertTrue(ServeRig.sum(m, "roster_resyncs_total", "cause=\"" + cause + "\"") >= 1, m);
    String log = rig.log.toString();
    assertTrue(log.contains("cluster unreachable"), log);
    assertTrue(log.contains("cluster reachable again"), log);
  }

  @Test
  void aRepoMovedAwayIsRetriedWithBackoffAndRecoversWhenRestoredWithoutACommit()
      throws Exception {
    String commit = rig.seed("a");
    Supervisor sup = serve(NEVER);
    rig.awaitApplied(commit);
    Path repo = rig.repo.dir();
    Path away = tmp.resolve("moved-away");

    Files.move(repo, away);
    sup.poller(ServeRig.SOURCE).poll(); // the poll notices; no commit, no webhook
    SourceStatus failing = rig.awaitStatus("three failed attempts", st -> st.history().stream()
        .filter(r -> Conditions.SOURCE_FETCH_FAILED.equals(r.reason())).count() >= 3);
    assertEquals(Conditions.FALSE, failing.condition(Conditions.READY).orElseThrow().status());
    assertEquals(Conditions.SOURCE_FETCH_FAILED,
        failing.condition(Conditions.READY).orElseThrow().reason());
    assertEquals(Conditions.FALSE, failing.condition(Conditions.STALLED).orElseThrow().status(),
        "a lost remote is retried, not stalled: " + failing.conditions());
    assertTrue(failing.history().stream().anyMatch(r -> "retry".equals(r.trigger())),
        "the worker retried by itself: " + failing.history());
    // Status is written inside the pass; the worker counts the failure when the pass returns.
    Waits.until("the worker to count three failures in a row",
        () -> sup.worker(ServeRig.SOURCE).failures() >= 3);
    assertEquals(Map.of("a", "v1"), rig.live(), "nothing pruned while the source is gone");

    Files.move(away, repo);
    SourceStatus back = rig.awaitStatus("Ready again once the repo is back", st ->
        Conditions.isTrue(st.conditions(), Conditions.READY));
    assertEquals(ConfigRepo.revision(commit), back.lastAppliedRevision());
    assertFalse(back.condition(Conditions.STALLED).isPresent(), back.conditions().toString());
    // As above: the worker forgets the failures when the pass that wrote Ready returns.
    Waits.until("the worker to forget its failures",
        () -> sup.worker(ServeRig.SOURCE).failures() == 0);
  }
}
