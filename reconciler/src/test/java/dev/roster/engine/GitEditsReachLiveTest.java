package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import dev.roster.plan.Unwritten;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 1, as reported: a Git edit of a field the platform also writes (komputer's
 * {@code spec.instructions}, KubeOpenCode's {@code spec.suspend}, a CronTask's {@code
 * kubeopencode.io/trigger} annotation) shows in the text diff, the JSON {@code fields} and the
 * markdown, apply writes it, and the next plan says no changes; what the platform writes later is
 * left alone and said, never silently.
 */
class GitEditsReachLiveTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");
  static final ResourceDefinitionContext AGENT =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Agent", "agents");
  static final ResourceDefinitionContext CRON =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "CronTask", "crontasks");

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

  void komputer(String instructions) {
    f.write("ka.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata: {name: researcher}
        spec: {instructions: "%s", lifecycle: Sleep}
        """.formatted(instructions));
  }

  /** Asserts the plan shows the edit in all three renderings, applies it, and is then clean. */
  void editReachesLive(String kind, String name, String pointer, String shown) {
    Plan p = f.plan();
    assertEquals(Action.UPDATE, change(p, kind, name).action());
    Renderings r = Renderings.of(p);
    assertTrue(r.text().contains(shown), r.text());
    assertTrue(r.markdown().contains(shown), r.markdown());
    assertEquals(List.of(pointer), r.pointers(kind, name, "fields"), r.json().toString());
    assertEquals(List.of(), r.pointers(kind, name, "unwritten"));
    f.sync();
    Plan next = f.plan();
    assertTrue(next.changes().stream().allMatch(c -> c.action() == Action.UNCHANGED),
        next.changes().toString());
    Renderings clean = Renderings.of(next);
    assertTrue(clean.text().startsWith("No changes. Live matches revision"), clean.text());
    assertTrue(clean.markdown().contains("no changes, live matches"), clean.markdown());
    assertEquals(0, clean.summary("update") + clean.summary("unwritten"));
  }

  /** Edits the live object as the platform would (its own write, not Roster's). */
  @SuppressWarnings("unchecked")
  void platformWrites(ResourceDefinitionContext c, String name,
      Consumer<GenericKubernetesResource> edit) {
    GenericKubernetesResource live = f.get(c, "default", name);
    Map<String, Object> spec = new HashMap<>((Map<String, Object>) live.getAdditionalProperties()
        .get("spec"));
    live.setAdditionalProperty("spec", spec);
    edit.accept(live);
    f.cluster.client().genericKubernetesResources(c).inNamespace("default").resource(live)
        .update();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  @Test
  void komputerInstructionsEditReachesTheAgentIdleHeldBusyAndApiWritesStay() {
    komputer("research the market");
    f.sync();
    // Git edit, agent idle: shown everywhere, with what writing it does, written, then clean.
    komputer("write the quarterly report");
    String text = Renderings.of(f.plan()).text();
    assertTrue(text.contains("effect: /spec/instructions: takes effect at the agent's next pod"
        + " start"), text);
    editReachesLive("KomputerAgent", "researcher", "/spec/instructions",
        "+  instructions: write the quarterly report");
    assertEquals("write the quarterly report",
        at(f.get(KA, "default", "researcher"), "spec", "instructions"));

    // Busy: the edit is held and said so; written once the task is over.
    f.status(KA, "default", "researcher", Map.of("taskStatus", "InProgress"));
    komputer("write the annual report");
    Change held = change(f.sync(), "KomputerAgent", "researcher");
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals("write the quarterly report",
        at(f.get(KA, "default", "researcher"), "spec", "instructions"));
    Renderings r = Renderings.of(f.plan());
    assertTrue(r.text().contains("not written: /spec/instructions (held: WaitingForTasks)"),
        r.text());
    assertTrue(r.markdown().contains("not written: /spec/instructions (held: WaitingForTasks)"),
        r.markdown());
    assertEquals(List.of("/spec/instructions"),
        r.pointers("KomputerAgent", "researcher", "unwritten"));
    f.status(KA, "default", "researcher", Map.of("taskStatus", "Complete"));
    f.sync();
    assertEquals("write the annual report",
        at(f.get(KA, "default", "researcher"), "spec", "instructions"));

    // komputer-api forwards a task: live-only, left alone and said, until Git changes again.
    platformWrites(KA, "researcher", o -> spec(o).put("instructions", "fix the chart colours"));
    Plan p = f.sync();
    Change c = change(p, "KomputerAgent", "researcher");
    assertEquals(Action.UNCHANGED, c.action());
    assertEquals(List.of(new Unwritten("/spec/instructions", Unwritten.Reason.PLATFORM_WRITTEN,
        c.unwritten().get(0).detail())), c.unwritten());
    r = Renderings.of(p);
    assertTrue(r.text().contains("In sync with revision " + p.revision() + " except 1 field not"
        + " written: KomputerAgent default/researcher /spec/instructions (platform-written)."),
        r.text());
    assertTrue(r.markdown().contains("except 1 field not written"), r.markdown());
    assertEquals(1, r.summary("unwritten"));
    assertEquals("fix the chart colours",
        at(f.get(KA, "default", "researcher"), "spec", "instructions"));
    komputer("write the board summary");
    editReachesLive("KomputerAgent", "researcher", "/spec/instructions",
        "+  instructions: write the board summary");
  }

  @Test
  void komputerApiPatchOfLifecycleAndModelIsNotReverted() {
    komputer("research the market");
    f.sync();
    platformWrites(KA, "researcher", o -> {
      spec(o).put("lifecycle", "AutoDelete"); // komputer agent patch --lifecycle …
      spec(o).put("model", "claude-opus-4-1");
    });
    Change c = change(f.sync(), "KomputerAgent", "researcher");
    assertEquals(Action.UNCHANGED, c.action());
    assertEquals(List.of("/spec/lifecycle"),
        c.unwritten().stream().map(Unwritten::pointer).toList()); // Git never set the model
    assertEquals("AutoDelete", at(f.get(KA, "default", "researcher"), "spec", "lifecycle"));
    assertEquals("claude-opus-4-1", at(f.get(KA, "default", "researcher"), "spec", "model"));
  }

  void kubeOpenCodeAgent(boolean suspend) {
    f.write("agent.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata: {name: coder}
        spec: {workspaceDir: /workspace, serviceAccountName: default, suspend: %s}
        """.formatted(suspend));
    f.write("roster.yaml", """
        apiVersion: roster.dev/v1alpha1
        kind: RepoConfig
        externalRefs: [ServiceAccount/default]
        """);
  }

  @Test
  void kubeOpenCodeSuspendOnAnExistingAgentIsApplied() {
    kubeOpenCodeAgent(false);
    f.sync();
    kubeOpenCodeAgent(true);
    editReachesLive("Agent", "coder", "/spec/suspend", "+  suspend: true");
    assertEquals(true, at(f.get(AGENT, "default", "coder"), "spec", "suspend"));
    // standby resumes it: left alone until Git changes it again
    platformWrites(AGENT, "coder", o -> spec(o).put("suspend", false));
    Change c = change(f.sync(), "Agent", "coder");
    assertEquals(Unwritten.Reason.PLATFORM_WRITTEN, c.unwritten().get(0).reason());
    assertEquals(false, at(f.get(AGENT, "default", "coder"), "spec", "suspend"));
  }

  void cronTask(String trigger) {
    f.write("cron.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: CronTask
        metadata:
          name: nightly
          annotations: {roster.dev/external-refs: "Agent/*"%s}
        spec:
          schedule: "0 3 * * *"
          taskTemplate: {spec: {agentRef: {name: coder}, description: scan}}
        """.formatted(trigger == null ? "" : ", kubeopencode.io/trigger: \"" + trigger + "\""));
  }

  @Test
  void cronTaskTriggerAnnotationIsAppliedAndItsRemovalByTheControllerLeftAlone() {
    cronTask(null);
    f.sync();
    cronTask("true");
    editReachesLive("CronTask", "nightly", "/metadata/annotations/kubeopencode.io~1trigger",
        "+    kubeopencode.io/trigger: 'true'");
    GenericKubernetesResource live = f.get(CRON, "default", "nightly");
    assertEquals("true", live.getMetadata().getAnnotations().get("kubeopencode.io/trigger"));
    // the controller fires and removes it: not re-added, and said
    live.getMetadata().getAnnotations().remove("kubeopencode.io/trigger");
    f.cluster.client().genericKubernetesResources(CRON).inNamespace("default").resource(live)
        .update();
    Change c = change(f.sync(), "CronTask", "nightly");
    assertEquals(Action.UNCHANGED, c.action());
    assertEquals("/metadata/annotations/kubeopencode.io~1trigger", c.unwritten().get(0).pointer());
    assertEquals(null, f.get(CRON, "default", "nightly").getMetadata().getAnnotations()
        .get("kubeopencode.io/trigger"));
  }
}
