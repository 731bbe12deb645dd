package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.plan.RolloutPolicy;
import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source's default rollout policy applies to objects without roster.dev/rollout. */
class DefaultRolloutPolicyTest {
  static final ResourceDefinitionContext AGENT =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Agent", "agents");
  static final ResourceDefinitionContext TASK =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Task", "tasks");

  @TempDir Path dir;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
    agent("img:v1", "");
    f.sync();
    f.cluster.client().genericKubernetesResources(TASK).inNamespace("default").resource(
        new GenericKubernetesResourceBuilder().withApiVersion("kubeopencode.io/v1alpha1")
            .withKind("Task").withNewMetadata().withName("t1").withNamespace("default")
            .addToLabels("kubeopencode.io/agent", "coder").endMetadata()
            .addToAdditionalProperties("spec", Map.of("agentRef", Map.of("name", "coder"),
                "description", "work")).build()).create();
    f.status(TASK, "default", "t1", Map.of("phase", "Running"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void agent(String image, String policy) {
    f.write("agent.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          annotations: {roster.dev/external-refs: "ServiceAccount/*,AgentTemplate/*"%s}
        spec:
          templateRef: {name: devbox}
          executorImage: %s
        """.formatted(policy.isEmpty() ? "" : ", roster.dev/rollout: " + policy, image));
  }

  Object image() {
    return at(f.get(AGENT, "default", "coder"), "spec", "executorImage");
  }

  @Test
  void hotReloadDefaultLetsTheRestartThroughWhileATaskRuns() {
    f.policy = RolloutPolicy.Mode.IMMEDIATE;
    agent("img:v2", "");
    RolloutState r = change(f.sync(), "Agent", "coder").rollout();
    assertEquals(RolloutState.Hold.NONE, r.hold());
    assertEquals(RolloutState.Marker.RESTART, r.marker());
    assertEquals("img:v2", image());
  }

  @Test
  void annotationOverridesTheDefault() {
    f.policy = RolloutPolicy.Mode.IMMEDIATE;
    agent("img:v2", "Rollout");
    assertEquals(RolloutState.Hold.HELD, change(f.sync(), "Agent", "coder").rollout().hold());
    assertEquals("img:v1", image());
  }

  @Test
  void manualDefaultAwaitsApproval() {
    f.policy = RolloutPolicy.Mode.MANUAL;
    agent("img:v2", "");
    RolloutState r = change(f.sync(), "Agent", "coder").rollout();
    assertEquals(RolloutState.Hold.AWAITING_APPROVAL, r.hold());
    assertEquals("img:v1", image());
  }

  @Test
  void rolloutDefaultHolds() {
    agent("img:v2", "");
    assertEquals(RolloutState.Hold.HELD, change(f.sync(), "Agent", "coder").rollout().hold());
  }

  @Test
  void modeParsing() {
    assertEquals(RolloutPolicy.Mode.IMMEDIATE, RolloutPolicy.Mode.parse("hotreload"));
    assertEquals("Immediate", RolloutPolicy.Mode.IMMEDIATE.text());
    assertEquals(RolloutPolicy.Mode.IMMEDIATE, RolloutPolicy.Mode.parse("Immediate"));
    assertEquals(RolloutPolicy.Mode.MANUAL,
        RolloutPolicy.of(Map.of(), RolloutPolicy.Mode.MANUAL).mode());
    assertEquals(RolloutPolicy.Mode.ROLLOUT, RolloutPolicy.of(Map.of("metadata",
        Map.of("annotations", Map.of("roster.dev/rollout", "bogus"))),
        RolloutPolicy.Mode.MANUAL).mode());
  }
}
