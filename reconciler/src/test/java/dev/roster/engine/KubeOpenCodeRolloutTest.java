package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KubeOpenCode: Agents wait for their active Tasks; templates and ConfigMaps fan out. */
class KubeOpenCodeRolloutTest {
  static final ResourceDefinitionContext AGENT =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Agent", "agents");
  static final ResourceDefinitionContext TASK =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Task", "tasks");
  static final ResourceDefinitionContext TEMPLATE =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "AgentTemplate", "agenttemplates");

  @TempDir Path dir;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
    template("/workspace");
    configMap("be kind");
    agent("img:v1", 2, "");
    f.sync();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void agent(String image, int maxTasks, String annotations) {
    f.write("agent.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          annotations: {roster.dev/external-refs: "ServiceAccount/*"%s}
        spec:
          templateRef: {name: devbox}
          executorImage: %s
          maxConcurrentTasks: %d
          contexts:
            - {name: rules, type: ConfigMap, configMap: {name: rules, key: AGENTS.md}}
        """.formatted(annotations, image, maxTasks));
  }

  void template(String workspaceDir) {
    f.write("template.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: AgentTemplate
        metadata: {name: devbox, annotations: {roster.dev/external-refs: "ServiceAccount/*"}}
        spec: {workspaceDir: %s, serviceAccountName: agent}
        """.formatted(workspaceDir));
  }

  void configMap(String text) {
    f.write("rules.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: rules}
        data: {AGENTS.md: "%s"}
        """.formatted(text));
  }

  void task(String name, String phase) {
    if (f.get(TASK, "default", name) == null) {
      f.cluster.client().genericKubernetesResources(TASK).inNamespace("default").resource(
          new GenericKubernetesResourceBuilder().withApiVersion("kubeopencode.io/v1alpha1")
              .withKind("Task").withNewMetadata().withName(name).withNamespace("default")
              .addToLabels("kubeopencode.io/agent", "coder").endMetadata()
              .addToAdditionalProperties("spec", Map.of("agentRef", Map.of("name", "coder"),
                  "description", "work"))
              .build()).create();
    }
    f.status(TASK, "default", name, Map.of("phase", phase));
  }

  String image() {
    return (String) at(f.get(AGENT, "default", "coder"), "spec", "executorImage");
  }

  String annotation(ResourceDefinitionContext c, String name, String key) {
    Map<String, String> a = f.get(c, "default", name).getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  @Test
  void restartChangeWaitsForRunningTaskInPlaceGoesNow() {
    task("t1", "Running");
    agent("img:v2", 3, "");
    Plan plan = f.sync();
    Change c = change(plan, "Agent", "coder");
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals("WaitingForTasks", c.rollout().reason());
    assertEquals(1, c.rollout().inFlight());
    assertEquals(List.of("/spec/executorImage"), c.rollout().heldPointers());
    assertTrue(plan.hasChanges());
    assertEquals("img:v1", image());
    assertEquals(3, ((Number) at(f.get(AGENT, "default", "coder"), "spec",
        "maxConcurrentTasks")).intValue(), "in-place change not held");
    assertEquals(f.now.toString(), annotation(AGENT, "coder", "roster.dev/held-since"));

    task("t1", "Completed");
    plan = f.sync();
    assertEquals(RolloutState.Hold.NONE, change(plan, "Agent", "coder").rollout().hold());
    assertEquals("img:v2", image());
    assertNull(annotation(AGENT, "coder", "roster.dev/held-since"));
    assertFalse(f.plan().hasChanges());
  }

  @Test
  void queuedAndNewTasksCountButOtherAgentsAndFinishedOnesDoNot() {
    task("t1", "Completed");
    task("t2", "Queued");
    agent("img:v2", 2, "");
    assertEquals(1, change(f.plan(), "Agent", "coder").rollout().inFlight());
  }

  @Test
  void inPlaceOnlyChangeIsNotHeld() {
    task("t1", "Running");
    agent("img:v1", 5, "");
    Change c = change(f.sync(), "Agent", "coder");
    assertEquals(RolloutState.Marker.IN_PLACE, c.rollout().marker());
    assertEquals(RolloutState.Hold.NONE, c.rollout().hold());
  }

  @Test
  void heldLongerThanTimeoutIsForcedAndRestartKeepsHeldSince() {
    task("t1", "Running");
    agent("img:v2", 2, ", roster.dev/rollout-timeout: 30m");
    f.sync();
    String since = annotation(AGENT, "coder", "roster.dev/held-since");
    f.advance(Duration.ofMinutes(20));
    agent("img:v3", 2, ", roster.dev/rollout-timeout: 30m"); // a newer commit supersedes
    Change c = change(f.sync(), "Agent", "coder"); // a new Engine each pass: Roster restarted
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals(since, annotation(AGENT, "coder", "roster.dev/held-since"));
    assertEquals(f.now.minus(Duration.ofMinutes(20)).plus(Duration.ofMinutes(30)),
        c.rollout().deadline());
    assertEquals("img:v1", image());
    f.advance(Duration.ofMinutes(10));
    c = change(f.sync(), "Agent", "coder");
    assertEquals(RolloutState.Hold.FORCED, c.rollout().hold());
    assertEquals("img:v3", image());
    assertNull(annotation(AGENT, "coder", "roster.dev/held-since"));
  }

  @Test
  void revertCancelsTheHold() {
    task("t1", "Running");
    agent("img:v2", 2, "");
    f.sync();
    agent("img:v1", 2, "");
    Plan plan = f.sync();
    assertTrue(plan.held().isEmpty());
    assertNull(annotation(AGENT, "coder", "roster.dev/held-since"));
    assertFalse(f.plan().hasChanges());
  }

  @Test
  void hotReloadGoesAtOnce() {
    task("t1", "Running");
    agent("img:v2", 2, ", roster.dev/rollout: HotReload");
    Change c = change(f.sync(), "Agent", "coder");
    assertEquals(RolloutState.Marker.RESTART, c.rollout().marker());
    assertEquals("img:v2", image());
  }

  @Test
  void manualWaitsForApproval() {
    agent("img:v2", 2, ", roster.dev/rollout: Manual");
    Plan plan = f.sync();
    assertEquals(RolloutState.Hold.AWAITING_APPROVAL,
        change(plan, "Agent", "coder").rollout().hold());
    assertEquals("img:v1", image());
    String revision = annotation(AGENT, "coder", "roster.dev/held-revision");
    assertNotNull(revision);
    GenericKubernetesResource live = f.get(AGENT, "default", "coder");
    live.getMetadata().getAnnotations().put("roster.dev/approve",
        revision.substring(revision.indexOf("sha1:") + 5, revision.indexOf("sha1:") + 17));
    f.cluster.client().genericKubernetesResources(AGENT).inNamespace("default").resource(live)
        .update();
    // the approval names the held revision; a pass on that same revision rolls it
    Engine.PlanRun run = f.engine().plan(new dev.roster.source.Snapshot(
        new dev.roster.source.DirectoryTree(dir), revision, dir.toString()));
    f.engine().apply(run, dev.roster.apply.ApplyOptions.defaults());
    assertEquals("img:v2", image());
  }

  @Test
  void configMapChangeHeldForAgentsUsingIt() {
    task("t1", "Running");
    configMap("be very kind");
    Change c = change(f.sync(), "ConfigMap", "rules");
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals(List.of("Agent/default/coder"), c.rollout().reached());
    assertEquals("be kind", f.cluster.client().configMaps().inNamespace("default")
        .withName("rules").get().getData().get("AGENTS.md"));
    task("t1", "Failed");
    f.sync();
    assertEquals("be very kind", f.cluster.client().configMaps().inNamespace("default")
        .withName("rules").get().getData().get("AGENTS.md"));
  }

  @Test
  void templateChangeFansOutToItsAgents() {
    task("t1", "Running");
    template("/work");
    Change c = change(f.sync(), "AgentTemplate", "devbox");
    assertEquals(RolloutState.Marker.RESTART, c.rollout().marker());
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals("/workspace", at(f.get(TEMPLATE, "default", "devbox"), "spec", "workspaceDir"));
    assertTrue(PlanTextProbe.text(f.plan()).contains("held: WaitingForTasks (1 task)"));
  }

  @Test
  void runtimeOwnedSuspendIsNotReverted() {
    GenericKubernetesResource live = f.get(AGENT, "default", "coder");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
    spec.put("suspend", true); // standby suspended it
    f.cluster.client().genericKubernetesResources(AGENT).inNamespace("default").resource(live)
        .update();
    assertEquals(Action.UNCHANGED, change(f.plan(), "Agent", "coder").action());
  }

  @Test
  void oneShotTaskIsNotRecreatedAfterCleanup() {
    f.write("task.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Task
        metadata: {name: review}
        spec: {agentRef: {name: coder}, description: review the code}
        """);
    assertEquals(RolloutState.Marker.NEW_RUN,
        change(f.sync(), "Task", "review").rollout().marker());
    f.cluster.client().genericKubernetesResources(TASK).inNamespace("default").withName("review")
        .delete(); // KubeOpenCodeConfig cleanup
    Change c = change(f.sync(), "Task", "review");
    assertEquals(Action.UNCHANGED, c.action());
    assertTrue(c.completed());
    assertTrue(c.reason().contains("KubeOpenCodeConfig cleanup"), c.reason());
    assertNull(f.get(TASK, "default", "review"));
    // a new run only when Git asks for it
    f.write("task.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Task
        metadata: {name: review, annotations: {roster.dev/rerun: "2"}}
        spec: {agentRef: {name: coder}, description: review the code}
        """);
    assertEquals(Action.CREATE, change(f.sync(), "Task", "review").action());
    assertNotNull(f.get(TASK, "default", "review"));
  }

  @Test
  void newTasksAreNeverBlocked() {
    task("t1", "Running");
    agent("img:v2", 2, "");
    f.write("task.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Task
        metadata: {name: next}
        spec: {agentRef: {name: coder}, description: next job}
        """);
    f.sync();
    assertNotNull(f.get(TASK, "default", "next"));
  }
}
