package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roster.plan.Action;
import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** komputer.ai agents wait for their task; kagents teams and runs wait while they run. */
class KomputerAndTeamsRolloutTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");
  static final ResourceDefinitionContext TEAM_RUN =
      RolloutFixture.ctx("kagents.dev", "v1alpha1", "AgentTeamRun", "agentteamruns");

  @TempDir Path dir;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void komputer(String model, int priority) {
    f.write("ka.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata:
          name: researcher
          annotations: {roster.dev/external-refs: "KomputerAgentTemplate/*"}
        spec: {instructions: research, model: %s, priority: %d}
        """.formatted(model, priority));
  }

  @Test
  void komputerModelChangeWaitsWhileTaskInProgress() {
    komputer("claude-sonnet-4-6", 0);
    f.sync();
    f.status(KA, "default", "researcher", Map.of("taskStatus", "InProgress"));
    komputer("claude-opus-4-1", 5);
    var c = change(f.sync(), "KomputerAgent", "researcher");
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    GenericKubernetesResource live = f.get(KA, "default", "researcher");
    assertEquals("claude-sonnet-4-6", at(live, "spec", "model"));
    assertEquals(5, ((Number) at(live, "spec", "priority")).intValue());
    f.status(KA, "default", "researcher", Map.of("taskStatus", "Complete"));
    f.sync();
    assertEquals("claude-opus-4-1", at(f.get(KA, "default", "researcher"), "spec", "model"));
  }

  @Test
  void komputerInstructionsRewrittenByTheApiAreNotReverted() {
    komputer("claude-sonnet-4-6", 0);
    f.sync();
    GenericKubernetesResource live = f.get(KA, "default", "researcher");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
    spec.put("instructions", "the task komputer-api forwarded");
    f.cluster.client().genericKubernetesResources(KA).inNamespace("default").resource(live)
        .update();
    assertEquals(Action.UNCHANGED, change(f.plan(), "KomputerAgent", "researcher").action());
  }

  void teamRun(String prompt) {
    f.write("run.yaml", """
        apiVersion: kagents.dev/v1alpha1
        kind: AgentTeamRun
        metadata:
          name: q3
          annotations: {roster.dev/external-refs: "AgentTeamTemplate/*"}
        spec:
          templateRef: {name: report}
          workspace: {output: {size: 1Gi}}
          auth: {apiKeySecret: anthropic}
          lead: {prompt: "%s"}
        """.formatted(prompt));
  }

  @Test
  void teamRunHeldWhileRunningAndNotRecreatedWhenGone() {
    teamRun("write the report");
    f.sync();
    f.status(TEAM_RUN, "default", "q3", Map.of("phase", "Running"));
    teamRun("write a shorter report");
    var c = change(f.sync(), "AgentTeamRun", "q3");
    assertEquals(RolloutState.Marker.NEW_RUN, c.rollout().marker());
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    f.cluster.client().genericKubernetesResources(TEAM_RUN).inNamespace("default").withName("q3")
        .delete();
    assertEquals(Action.UNCHANGED, change(f.sync(), "AgentTeamRun", "q3").action());
    assertNull(f.get(TEAM_RUN, "default", "q3"));
    assertNotNull(f.cluster.client().configMaps().inNamespace("default")
        .withName("roster-inventory-agents").get().getData().get("runs"));
  }
}
