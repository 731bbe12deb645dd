package dev.roster.serve;

import static dev.roster.serve.ServeRig.SECRET;
import static dev.roster.serve.ServeRig.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.LeaderElectionTest.Replica;
import dev.roster.status.SourceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HA that takes every webhook: two leader-elected replicas against one cluster behind one
 * Service, so a forge's push lands on either. The standby verifies it, answers 202 {@code
 * relayed}, and records it in the ConfigMap the leader watches; the leader reconciles it at once,
 * with the webhook as the trigger. Polls never fire here (interval one hour), so only the relay
 * can bring the new commit live.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StandbyWebhookTest {
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

  @Test
  void aPushToTheStandbyIsAppliedByTheLeader() throws Exception {
    String c1 = rig.seed("a", "b");
    List<Replica> replicas = List.of(LeaderElectionTest.replica(rig, "replica-a"),
        LeaderElectionTest.replica(rig, "replica-b"));
    rig.awaitApplied(c1);
    Replica leader = Waits.until("one leader", () -> replicas.stream()
        .filter(r -> r.supervisor().leading()).toList(), l -> l.size() == 1).get(0);
    Replica standby = replicas.get(0) == leader ? replicas.get(1) : replicas.get(0);
    assertEquals(1, leader.reconciles());

    rig.repo.write("apps/b.yaml", ConfigRepo.configMap("b", "v2"));
    String c2 = rig.repo.commit("change b");
    ServeRig.Answer answer = rig.push(standby.supervisor(), Pushes.GITHUB, "to-standby", SECRET);
    assertEquals(202, answer.status(), answer.body());
    assertTrue(answer.body().contains("\"result\":\"relayed\""), answer.body());

    SourceStatus status = rig.awaitApplied(c2);
    assertEquals("v2", rig.live().get("b"));
    assertEquals("webhook:github/to-standby", status.history().get(0).trigger(),
        "the leader's pass ran for the relayed push");
    assertEquals(2, leader.reconciles());
    assertEquals(0, standby.reconciles(), "the standby reconciled nothing");
    assertFalse(standby.supervisor().leading());
    assertEquals(1, ServeRig.sum(rig.metrics(standby.supervisor()),
        "roster_webhook_deliveries_total", "result=\"relayed\""));
    ConfigMap relay = rig.cluster.client().configMaps().inNamespace(ServeRig.SYSTEM)
        .withName(WebhookRelay.NAME).get();
    assertTrue(relay.getData().get(SOURCE).endsWith(" webhook:github/to-standby"),
        relay.getData().toString());

    // The same delivery again is a duplicate on the standby; to the leader it is queued there.
    assertEquals(200, rig.push(standby.supervisor(), Pushes.GITHUB, "to-standby", SECRET)
        .status());
    ServeRig.Answer direct = rig.push(leader.supervisor(), Pushes.GITHUB, "to-leader", SECRET);
    assertEquals(202, direct.status());
    assertTrue(direct.body().contains("\"result\":\"queued\""), direct.body());
  }

  @Test
  void aPushRelayedWhileNoReplicaLeadsIsCoveredByTheNextLeadersFirstPass() throws Exception {
    String c1 = rig.seed("a");
    // A lone replica that never wins: another identity holds the Lease for an hour.
    rig.cluster.client().leases().inNamespace(ServeRig.SYSTEM).resource(
        new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
            .withNewMetadata().withName(LeaderGate.LEASE).withNamespace(ServeRig.SYSTEM)
            .endMetadata().withNewSpec().withHolderIdentity("gone")
            .withLeaseDurationSeconds(3600)
            .withRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
            .withAcquireTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
            .endSpec().build()).create();
    Replica standby = LeaderElectionTest.replica(rig, "replica-a");
    ServeRig.Answer answer = rig.push(standby.supervisor(), Pushes.GITHUB, "early", SECRET);
    assertEquals(202, answer.status(), answer.body());
    assertTrue(answer.body().contains("\"result\":\"relayed\""), answer.body());
    assertEquals(0, standby.reconciles());

    // The holder is gone for good: the Lease is released, the replica takes it and catches up.
    rig.cluster.client().leases().inNamespace(ServeRig.SYSTEM).withName(LeaderGate.LEASE)
        .edit(l -> {
          l.getSpec().setLeaseDurationSeconds(1);
          l.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
              .minusHours(1));
          return l;
        });
    SourceStatus status = rig.awaitApplied(c1);
    assertTrue(standby.supervisor().leading());
    assertEquals(1, standby.reconciles(), status.history().toString());
    assertEquals("start", status.history().get(0).trigger(),
        "what was relayed before it led is not replayed: the first pass covers it");
  }
}
