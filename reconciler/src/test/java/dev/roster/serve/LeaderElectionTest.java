package dev.roster.serve;

import static dev.roster.serve.ServeRig.NEVER;
import static dev.roster.serve.ServeRig.SOURCE;
import static dev.roster.serve.ServeRig.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.kube.KubeClients;
import dev.roster.serve.metrics.Metrics;
import dev.roster.status.SourceStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas with leader election against one cluster: the Lease {@code roster-leader} in
 * coordination.k8s.io/v1 decides which one reconciles; when the leader stops, the other takes
 * over and keeps the source in sync.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeaderElectionTest {
  static final Duration LEASE = Duration.ofSeconds(2);

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

  /** One replica: its own client, mirror cache and metrics, as a separate pod would have. */
  record Replica(String identity, Supervisor supervisor, Metrics metrics) {
    double reconciles() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        metrics.scrape(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ServeRig.sum(out.toString(StandardCharsets.UTF_8), "roster_reconciles_total",
          "source=\"" + SOURCE + "\"");
    }
  }

  Replica replica(String identity) {
    return replica(rig, identity);
  }

  /** A replica of {@code rig}'s source with leader election on, as a pod of the chart runs. */
  static Replica replica(ServeRig rig, String identity) {
    Metrics metrics = new Metrics();
    Supervisor s = rig.serve(rig.client(KubeClients.forUrl(rig.cluster.url(), "default")),
        ServeRig.settings(rig.source(NEVER, "cache-" + identity), ApplyOptions.defaults(), true,
            identity, LEASE), metrics);
    return new Replica(identity, s, metrics);
  }

  Lease lease() {
    return rig.cluster.client().leases().inNamespace(SYSTEM).withName(LeaderGate.LEASE).get();
  }

  String holder() {
    Lease l = lease();
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  @Test
  void exactlyOneLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
    String c1 = rig.seed("a", "b");
    List<Replica> replicas = List.of(replica("replica-a"), replica("replica-b"));
    rig.awaitApplied(c1);
    Replica leader = Waits.until("one leader", () -> replicas.stream()
        .filter(r -> r.supervisor().leading()).toList(), l -> l.size() == 1).get(0);
    Replica standby = replicas.get(0) == leader ? replicas.get(1) : replicas.get(0);
    assertEquals(leader.identity(), holder());

    // The leader keeps renewing; the standby stays standby and reconciles nothing.
    ZonedDateTime firstRenew = lease().getSpec().getRenewTime();
    Waits.until("two lease periods of renewals", () -> lease().getSpec().getRenewTime()
        .isAfter(firstRenew.plus(LEASE.multipliedBy(2))));
    assertEquals(leader.identity(), holder());
    assertTrue(leader.supervisor().leading());
    assertFalse(standby.supervisor().leading());
    assertEquals(1, leader.reconciles());
    assertEquals(0, standby.reconciles());
    assertEquals(200, rig.get(leader.supervisor(), "/readyz").status());
    assertEquals(200, rig.get(standby.supervisor(), "/readyz").status(),
        "a standby is ready: it can take over");

    // The leader stops (SIGTERM); the standby takes over and applies the next commit.
    leader.supervisor().close(Duration.ofSeconds(10));
    // Released: fabric8 shortens the Lease to 1 s (its merge patch cannot clear the holder).
    Lease released = lease();
    assertTrue(!leader.identity().equals(released.getSpec().getHolderIdentity())
        || released.getSpec().getLeaseDurationSeconds() == 1, released.toString());
    Waits.until(standby.identity() + " leading", () -> standby.supervisor().leading());
    assertEquals(standby.identity(), holder());
    Waits.until("the new leader's first reconcile", () -> standby.reconciles() >= 1);
    rig.repo.write("apps/b.yaml", ConfigRepo.configMap("b", "v2"));
    String c2 = rig.repo.commit("change b");
    standby.supervisor().poller(SOURCE).tick();
    SourceStatus status = rig.awaitApplied(c2);
    assertEquals("v2", rig.live().get("b"));
    assertEquals("poll", status.history().get(0).trigger());
    assertEquals(1, leader.reconciles(), "the old leader reconciled nothing after it stopped");
    assertTrue(standby.reconciles() >= 2, "start after takeover, then the poll");
  }

  @Test
  void losingTheLeaseStopsTheApplyInFlight() throws Exception {
    String[] names = new String[20];
    for (int i = 0; i < names.length; i++) {
      names[i] = String.format("cm-%02d", i);
    }
    rig.seed(names);
    RequestGate gate = new RequestGate(RequestGate.configMapCreates(ServeRig.APPS), 4);
    Supervisor s = rig.serve(rig.client(RequestGate.client(rig.cluster, gate)),
        ServeRig.settings(rig.source(NEVER), ApplyOptions.defaults().withConcurrency(1), true,
            "replica-a", LEASE), new Metrics());
    gate.awaitHolding();
    assertTrue(s.leading());

    // Another replica takes the Lease (e.g. after a long GC pause or a network partition).
    rig.cluster.client().leases().inNamespace(SYSTEM).withName(LeaderGate.LEASE).edit(l -> {
      l.getSpec().setHolderIdentity("replica-b");
      l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
      l.getSpec().setLeaseDurationSeconds(3600);
      return l;
    });
    Waits.until("replica-a notices it lost the Lease", () -> !s.leading());
    gate.open();
    assertTrue(s.worker(SOURCE).awaitIdle(Waits.DEADLINE));

    assertEquals(4, gate.seen(), "a write started after the Lease was lost");
    assertEquals(4, rig.live().size());
    SourceStatus status = rig.status().orElseThrow();
    assertEquals(1, status.history().size());
    assertEquals("failed", status.history().get(0).result(), status.toString());
    assertEquals("", status.lastAppliedRevision());
    assertEquals(SourceWorker.Enqueued.REJECTED, s.worker(SOURCE).request("poll"));
  }
}
