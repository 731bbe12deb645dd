package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * komputer.ai squads (platform-crds §1.5, §1.9): a member added to a squad joins its shared pod, so
 * Roster waits until the agent being added and the squad's members are idle; in-place fields go
 * at once.
 */
class KomputerSquadRolloutTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");
  static final ResourceDefinitionContext KS = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerSquad", "komputersquads");
  static final String HELD_SINCE = "roster.dev/held-since";

  @TempDir Path dir;
  RolloutFixture f;

  Plan sync() {
    try {
      return f.sync();
    } catch (InvalidDesiredStateException e) {
      throw new AssertionError(e.report().toString(), e);
    }
  }

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** An agent created outside Git (e.g. through komputer-api), as the squad's members are. */
  void liveAgent(String name, String taskStatus) {
    liveAgent("default", name, "Running", taskStatus);
  }

  void liveAgent(String ns, String name, String phase, String taskStatus) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion("komputer.komputer.ai/v1alpha1");
    r.setKind("KomputerAgent");
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    r.setAdditionalProperty("spec", Map.of("instructions", "work"));
    f.cluster.client().genericKubernetesResources(KA).inNamespace(ns).resource(r).create();
    f.status(KA, ns, name, Map.of("phase", phase, "taskStatus", taskStatus));
  }

  void agentTask(String name, String taskStatus) {
    f.status(KA, "default", name, Map.of("phase", "Running", "taskStatus", taskStatus));
  }

  /** komputer put the agent to sleep (lifecycle Sleep, or komputer agent patch). */
  void asleep(String name) {
    f.status(KA, "default", name, Map.of("phase", "Sleeping", "taskStatus", "Complete"));
  }

  void squad(String annotations, String orphanTTL, String... members) {
    StringBuilder m = new StringBuilder();
    for (String s : members) { // "ns/name": a ref with its own namespace
      int slash = s.indexOf('/');
      m.append("    - ref: {name: ").append(s.substring(slash + 1))
          .append(slash < 0 ? "" : ", namespace: " + s.substring(0, slash)).append("}\n");
    }
    f.write("squad.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerSquad
        metadata:
          name: crew
          annotations: {roster.dev/external-refs: "KomputerAgent/*"%s}
        spec:
          orphanTTL: %s
          members:
        %s""".formatted(annotations, orphanTTL, m));
  }

  /** The squad's status as its controller writes it. */
  void squadStatus(String memberTask) {
    f.status(KS, "default", "crew", Map.of("phase", "Running", "podName", "crew-pod",
        "members", List.of(Map.of("name", "alpha", "ready", true, "taskStatus", memberTask),
            Map.of("name", "beta", "ready", true, "taskStatus", "Complete"))));
  }

  @SuppressWarnings("unchecked")
  List<String> liveMembers() {
    List<Map<String, Object>> ms = (List<Map<String, Object>>) at(f.get(KS, "default", "crew"),
        "spec", "members");
    return ms.stream().map(x -> (String) ((Map<String, Object>) x.get("ref")).get("name"))
        .toList();
  }

  String heldSince() {
    var a = f.get(KS, "default", "crew").getMetadata().getAnnotations();
    return a == null ? null : a.get(HELD_SINCE);
  }

  @Test
  void addingAnAgentWaitsUntilItIsAsleep() {
    liveAgent("alpha", "Complete");
    liveAgent("beta", "Complete");
    liveAgent("agent-x", "InProgress");
    squad("", "10m", "alpha", "beta");
    sync();
    squadStatus("Complete");

    squad("", "10m", "alpha", "beta", "agent-x");
    var c = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Marker.RESTART, c.rollout().marker());
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals("WaitingForSleep", c.rollout().reason());
    assertEquals(1, c.rollout().inFlight());
    assertEquals(List.of("alpha", "beta"), liveMembers());
    assertNotNull(heldSince());

    f.advance(Duration.ofMinutes(5));
    agentTask("agent-x", "Complete"); // idle, but its solo pod still runs: komputer says 409
    var idle = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.HELD, idle.rollout().hold());
    assertEquals("WaitingForSleep", idle.rollout().reason());
    assertEquals(List.of("alpha", "beta"), liveMembers());

    asleep("agent-x");
    var released = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.NONE, released.rollout().hold());
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());
    assertNull(heldSince());
  }

  @Test
  void addingAMemberWaitsForTheSquadsCurrentMembers() {
    liveAgent("alpha", "Complete");
    liveAgent("beta", "Complete");
    liveAgent("agent-x", "Complete");
    asleep("agent-x");
    squad("", "10m", "alpha", "beta");
    sync();
    squadStatus("InProgress"); // the squad's pod reports alpha working

    squad("", "10m", "alpha", "beta", "agent-x");
    var c = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals("WaitingForTasks", c.rollout().reason());
    assertEquals(List.of("alpha", "beta"), liveMembers());

    squadStatus("Complete");
    assertEquals(RolloutState.Hold.NONE,
        change(sync(), "KomputerSquad", "crew").rollout().hold());
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());
  }

  @Test
  void addingAnAgentDefinedInGitWaitsForItsTask() {
    liveAgent("alpha", "Complete");
    liveAgent("beta", "Complete");
    f.write("agent-x.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata:
          name: agent-x
          annotations: {roster.dev/external-refs: "KomputerAgentTemplate/*"}
        spec: {instructions: review}
        """);
    squad("", "10m", "alpha", "beta");
    sync();
    squadStatus("Complete");
    agentTask("agent-x", "InProgress");

    squad("", "10m", "alpha", "beta", "agent-x");
    assertEquals(RolloutState.Hold.HELD,
        change(sync(), "KomputerSquad", "crew").rollout().hold());
    assertEquals(List.of("alpha", "beta"), liveMembers());
    asleep("agent-x");
    sync();
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());
  }

  @Test
  void aMemberInAnotherNamespaceIsJudgedThere() {
    liveAgent("alpha", "Complete");
    liveAgent("beta", "Complete");
    liveAgent("default", "agent-x", "Sleeping", "Complete"); // same name, squad's namespace
    liveAgent("team-b", "agent-x", "Running", "InProgress"); // the member named
    liveAgent("default", "gamma", "Sleeping", "Complete");
    squad("", "10m", "alpha", "beta");
    sync();
    squadStatus("Complete");

    squad("", "10m", "alpha", "beta", "team-b/agent-x");
    var c = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals("WaitingForSleep", c.rollout().reason());
    assertEquals(List.of("alpha", "beta"), liveMembers());

    f.status(KA, "team-b", "agent-x", Map.of("phase", "Sleeping", "taskStatus", "Complete"));
    sync();
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());

    // now a member, team-b/agent-x works: adding gamma waits for it, not for default/agent-x
    f.status(KA, "team-b", "agent-x", Map.of("phase", "Running", "taskStatus", "InProgress"));
    squad("", "10m", "alpha", "beta", "team-b/agent-x", "gamma");
    var held = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals("WaitingForTasks", held.rollout().reason());
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());
  }

  @Test
  void orphanTtlChangeGoesInPlaceWhileBusy() {
    liveAgent("alpha", "InProgress");
    liveAgent("beta", "Complete");
    squad("", "10m", "alpha", "beta");
    sync();
    squadStatus("InProgress");

    squad("", "30m", "alpha", "beta");
    var c = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Marker.IN_PLACE, c.rollout().marker());
    assertEquals(RolloutState.Hold.NONE, c.rollout().hold());
    assertEquals("30m", at(f.get(KS, "default", "crew"), "spec", "orphanTTL"));
    assertNull(heldSince());
  }

  @Test
  void inPlaceFieldGoesWhileTheMembershipChangeIsHeld() {
    liveAgent("alpha", "Complete");
    liveAgent("beta", "Complete");
    liveAgent("agent-x", "InProgress");
    squad("", "10m", "alpha", "beta");
    sync();
    squadStatus("Complete");

    squad("", "30m", "alpha", "beta", "agent-x");
    assertEquals(RolloutState.Hold.HELD,
        change(sync(), "KomputerSquad", "crew").rollout().hold());
    assertEquals("30m", at(f.get(KS, "default", "crew"), "spec", "orphanTTL"));
    assertEquals(List.of("alpha", "beta"), liveMembers());
  }

  @Test
  void timeoutForcesTheMembershipChange() {
    liveAgent("alpha", "Complete");
    liveAgent("beta", "Complete");
    liveAgent("agent-x", "InProgress");
    String timeout = ", roster.dev/rollout-timeout: 30m";
    squad(timeout, "10m", "alpha", "beta");
    sync();
    squadStatus("Complete");

    squad(timeout, "10m", "alpha", "beta", "agent-x");
    var held = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals(f.now.plus(Duration.ofMinutes(30)), held.rollout().deadline());

    f.advance(Duration.ofMinutes(29));
    assertEquals(RolloutState.Hold.HELD,
        change(sync(), "KomputerSquad", "crew").rollout().hold());
    assertEquals(List.of("alpha", "beta"), liveMembers());

    f.advance(Duration.ofMinutes(1));
    var forced = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Hold.FORCED, forced.rollout().hold());
    assertEquals("TimedOut", forced.rollout().reason());
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());
    assertNull(heldSince());
  }

  @Test
  void hotReloadLetsTheMembershipChangeThrough() {
    liveAgent("alpha", "InProgress");
    liveAgent("beta", "Complete");
    liveAgent("agent-x", "InProgress");
    String hot = ", roster.dev/rollout: HotReload";
    squad(hot, "10m", "alpha", "beta");
    sync();
    squadStatus("InProgress");

    squad(hot, "10m", "alpha", "beta", "agent-x");
    var c = change(sync(), "KomputerSquad", "crew");
    assertEquals(RolloutState.Marker.RESTART, c.rollout().marker());
    assertEquals(RolloutState.Hold.NONE, c.rollout().hold());
    assertEquals(List.of("alpha", "beta", "agent-x"), liveMembers());
  }
}
