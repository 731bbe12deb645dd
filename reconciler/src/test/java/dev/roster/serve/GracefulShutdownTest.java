package dev.roster.serve;

import static dev.roster.serve.ServeRig.APPS;
import static dev.roster.serve.ServeRig.NEVER;
import static dev.roster.serve.ServeRig.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.plan.Ownership;
import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Conditions;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.SourceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM during an apply: {@link Supervisor#close(Duration)} while a pass is creating many
 * objects, held mid-apply at the API server. The writes in flight finish, the writes not started
 * never happen, the pass is recorded honestly, and nothing runs afterwards.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GracefulShutdownTest {
  static final int OBJECTS = 30;
  /** Creates that pass before the API server starts holding them. */
  static final int BEFORE_HOLD = 5;

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

  static String name(int i) {
    return String.format("cm-%02d", i);
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 8})
  void closeDuringApplyFinishesTheWritesInFlightAndStartsNoOthers(int concurrency)
      throws Exception {
    String[] names = new String[OBJECTS];
    for (int i = 0; i < OBJECTS; i++) {
      names[i] = name(i);
    }
    String c1 = rig.seed(names);
    RequestGate gate = new RequestGate(RequestGate.configMapCreates(APPS), BEFORE_HOLD + 1);
    KubernetesClient client = rig.client(RequestGate.client(rig.cluster, gate));
    ApplyOptions apply = ApplyOptions.defaults().withConcurrency(concurrency);
    Supervisor s = rig.serve(client, ServeRig.settings(rig.source(NEVER), apply, false, "test",
        Duration.ofSeconds(15)), new Metrics());
    gate.awaitHolding();
    Waits.until("every apply thread held", () -> gate.holding() == concurrency);
    int inFlight = gate.holding();
    assertEquals(200, rig.get(s, "/readyz").status());

    // SIGTERM: close on its own thread, as the shutdown hook would.
    AtomicBoolean closed = new AtomicBoolean();
    Thread closer = new Thread(() -> {
      s.close(Duration.ofSeconds(30));
      closed.set(true);
    }, "sigterm");
    closer.start();
    Waits.until("readiness withdrawn", () -> rig.get(s, "/readyz").status() == 503);
    assertFalse(closed.get(), "close returned while writes were still in flight");
    gate.open();
    closer.join(Waits.DEADLINE.toMillis());
    assertTrue(closed.get(), "close did not return");

    // The writes in flight finished; the rest never started.
    int attempted = gate.seen();
    assertEquals(BEFORE_HOLD + inFlight, attempted, "a write started after close");
    List<ConfigMap> live = rig.cluster.client().configMaps().inNamespace(APPS).list().getItems();
    assertEquals(attempted, live.size());
    for (ConfigMap cm : live) {
      assertEquals("v1", cm.getData().get("value"), cm.getMetadata().getName());
      assertEquals(SOURCE, cm.getMetadata().getLabels().get(Ownership.SOURCE));
    }
    assertTrue(live.size() < OBJECTS);

    // The pass is recorded, and does not claim the revision is live.
    SourceStatus status = rig.status().orElseThrow();
    assertEquals(1, status.history().size(), status.history().toString());
    ReconcileRecord pass = status.history().get(0);
    assertEquals(ReconcileRecord.START, pass.trigger());
    assertEquals(ConfigRepo.revision(c1), pass.revision());
    assertEquals(live.size() + 1, pass.counts().created(), pass.toString()); // + the Namespace
    assertEquals(ReconcileRecord.FAILED, pass.result(), pass.toString());
    assertEquals("", status.lastAppliedRevision(), "a half-applied revision is not 'applied'");
    assertEquals(Conditions.FALSE, status.condition(Conditions.READY).orElseThrow().status());
    assertEquals(Conditions.FALSE, status.condition(Conditions.STALLED).orElseThrow().status(),
        "the next start finishes the revision");

    // Nothing runs afterwards.
    assertEquals(SourceWorker.Enqueued.REJECTED, s.worker(SOURCE).request("poll"));
    rig.repo.write("apps/late.yaml", ConfigRepo.configMap("late", "v1"));
    rig.repo.commit("after shutdown");
    s.poller(SOURCE).tick();
    assertFalse(s.worker(SOURCE).busy());
    assertThrows(UncheckedIOException.class, () -> rig.get(s, "/healthz"),
        "the listener is closed");
    assertEquals(attempted, gate.seen());
    assertEquals(1, rig.status().orElseThrow().history().size());
  }

  @Test
  void theNextStartAppliesWhatShutdownLeftOut() throws Exception {
    String[] names = new String[OBJECTS];
    for (int i = 0; i < OBJECTS; i++) {
      names[i] = name(i);
    }
    String c1 = rig.seed(names);
    RequestGate gate = new RequestGate(RequestGate.configMapCreates(APPS), BEFORE_HOLD + 1);
    KubernetesClient client = rig.client(RequestGate.client(rig.cluster, gate));
    Supervisor first = rig.serve(client, ServeRig.settings(rig.source(NEVER),
        ApplyOptions.defaults().withConcurrency(1), false, "test", Duration.ofSeconds(15)),
        new Metrics());
    gate.awaitHolding();
    Thread closer = new Thread(() -> first.close(Duration.ofSeconds(30)), "sigterm");
    closer.start();
    Waits.until("readiness withdrawn", () -> rig.get(first, "/readyz").status() == 503);
    gate.open();
    closer.join(Waits.DEADLINE.toMillis());
    assertFalse(closer.isAlive());
    assertTrue(rig.live().size() < OBJECTS);

    rig.serve(ServeRig.settings(rig.source(NEVER, "cache-2")), new Metrics());
    SourceStatus status = rig.awaitApplied(c1);
    assertEquals(OBJECTS, rig.live().size());
    List<String> results = new ArrayList<>();
    status.history().forEach(r -> results.add(r.trigger() + " " + r.result()));
    assertEquals(List.of("start succeeded", "start failed"), results);
  }
}
