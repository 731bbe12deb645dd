package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.RolloutState;
import dev.roster.plan.Unwritten;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Platform rules end to end on the embedded cluster: a field KubeOpenCode reads only at creation
 * is refused until Git asks for a re-create, which goes through the gate; the user's own {@code
 * roster.dev/ignore-fields} is three-way; a squad komputer dissolved is not re-created.
 */
class PlatformRulesTest {
  static final ResourceDefinitionContext AGENT =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Agent", "agents");
  static final ResourceDefinitionContext TASK =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Task", "tasks");
  static final ResourceDefinitionContext SQUAD = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerSquad", "komputersquads");

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

  void agent(String size, String profile, String annotations) {
    f.write("agent.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          annotations: {roster.dev/external-refs: "ServiceAccount/*"%s}
        spec:
          workspaceDir: /workspace
          serviceAccountName: agent
          profile: %s
          persistence: {workspace: {size: %s}}
        """.formatted(annotations, profile, size));
  }

  void task(String phase) {
    if (f.get(TASK, "default", "t1") == null) {
      f.cluster.client().genericKubernetesResources(TASK).inNamespace("default").resource(
          new GenericKubernetesResourceBuilder().withApiVersion("kubeopencode.io/v1alpha1")
              .withKind("Task").withNewMetadata().withName("t1").withNamespace("default")
              .addToLabels("kubeopencode.io/agent", "coder").endMetadata()
              .addToAdditionalProperties("spec", Map.of("agentRef", Map.of("name", "coder"),
                  "description", "work"))
              .build()).create();
    }
    f.status(TASK, "default", "t1", Map.of("phase", phase));
  }

  String size() {
    return (String) at(f.get(AGENT, "default", "coder"), "spec", "persistence", "workspace",
        "size");
  }

  String uid() {
    return f.get(AGENT, "default", "coder").getMetadata().getUid();
  }

  @Test
  void persistenceIsRefusedUntilGitAsksForARecreateWhichWaitsForTheTasks() {
    agent("10Gi", "a", "");
    f.sync();
    String first = uid();

    agent("20Gi", "b", "");
    Change refused = change(f.sync(), "Agent", "coder");
    Unwritten u = refused.notWritten().stream()
        .filter(x -> x.pointer().startsWith("/spec/persistence")).findFirst().orElseThrow();
    assertEquals(Unwritten.Reason.IMMUTABLE, u.reason());
    assertTrue(u.detail().contains("roster.dev/recreate"), u.detail());
    assertEquals("10Gi", size(), "never written in place");
    assertEquals("b", at(f.get(AGENT, "default", "coder"), "spec", "profile"),
        "the rest of the change goes on");
    assertEquals(first, uid());

    task("Running");
    agent("20Gi", "b", ", roster.dev/recreate: \"true\"");
    Change held = change(f.sync(), "Agent", "coder");
    assertEquals(RolloutState.Marker.RECREATE, held.rollout().marker());
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals(first, uid(), "not re-created while a task runs");

    task("Completed");
    f.sync(); // deletes; the embedded cluster removes it at once
    f.sync(); // creates from Git, if the first pass did not
    assertNotNull(f.get(AGENT, "default", "coder"));
    assertNotEquals(first, uid());
    assertEquals("20Gi", size());
  }

  @Test
  void theIgnoreFieldsAnnotationLeavesLiveOnlyChangesAloneAndWritesGitChanges() {
    String ignore = ", roster.dev/ignore-fields: \"/spec/profile\"";
    agent("10Gi", "a", ignore);
    f.sync();
    GenericKubernetesResource live = f.get(AGENT, "default", "coder");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
    spec.put("profile", "set by hand");
    f.cluster.client().genericKubernetesResources(AGENT).inNamespace("default").resource(live)
        .update();

    Change left = change(f.sync(), "Agent", "coder");
    assertEquals(Action.UNCHANGED, left.action());
    assertEquals(List.of(Unwritten.Reason.IGNORED),
        left.notWritten().stream().map(Unwritten::reason).toList());
    assertEquals("set by hand", at(f.get(AGENT, "default", "coder"), "spec", "profile"));

    agent("10Gi", "b", ignore);
    f.sync();
    assertEquals("b", at(f.get(AGENT, "default", "coder"), "spec", "profile"));
  }

  @Test
  void aSquadKomputerDissolvedIsNotRecreated() {
    f.configMaps("keeper");
    f.write("squad.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerSquad
        metadata:
          name: crew
          annotations: {roster.dev/external-refs: "KomputerAgent/*"}
        spec:
          members: [{ref: {name: alpha}}, {ref: {name: beta}}]
        """);
    assertEquals(Action.CREATE, change(f.sync(), "KomputerSquad", "crew").action());
    f.cluster.client().genericKubernetesResources(SQUAD).inNamespace("default").withName("crew")
        .delete(); // one member left: komputer dissolves the squad
    Change c = change(f.sync(), "KomputerSquad", "crew");
    assertTrue(c.completed(), c.toString());
    assertTrue(c.reason().contains("dissolved"), c.reason());
    assertNull(f.get(SQUAD, "default", "crew"));
  }
}
