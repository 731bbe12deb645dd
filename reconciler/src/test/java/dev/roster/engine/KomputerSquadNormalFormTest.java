package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.plan.Unwritten;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * komputer's squad controller rewrites an embedded member into a {@code ref} to the agent it
 * creates (profile {@code normalForms}): Roster compares in that form, never writes the member
 * back, and says when a later Git edit of the embedded spec cannot reach the agent.
 */
class KomputerSquadNormalFormTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");
  static final ResourceDefinitionContext KS = RolloutFixture.ctx("komputer.komputer.ai",
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

  void liveAgent(String name, String phase) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion("komputer.komputer.ai/v1alpha1");
    r.setKind("KomputerAgent");
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    r.setAdditionalProperty("spec", Map.of("instructions", "work"));
    f.cluster.client().genericKubernetesResources(KA).inNamespace("default").resource(r).create();
    f.status(KA, "default", name, Map.of("phase", phase, "taskStatus", "Complete"));
  }

  /** alpha by ref, then embedded members (their instructions), then more refs. */
  void squad(List<String> embedded, String... refs) {
    StringBuilder m = new StringBuilder("    - ref: {name: alpha}\n");
    for (int i = 0; i < embedded.size(); i++) {
      m.append(i == 0 ? "    - name: helper\n" : "    - ").append(i == 0 ? "      " : "")
          .append("spec: {instructions: ").append(embedded.get(i)).append("}\n");
    }
    for (String r : refs) {
      m.append("    - ref: {name: ").append(r).append("}\n");
    }
    f.write("squad.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerSquad
        metadata:
          name: crew
          annotations: {roster.dev/external-refs: "KomputerAgent/*,KomputerAgentTemplate/*"}
        spec:
          members:
        %s""".formatted(m));
  }

  /** What komputersquad_controller.go normalizeMembers does: agent created, member → ref. */
  @SuppressWarnings("unchecked")
  void controllerNormalizes() {
    GenericKubernetesResource s = f.get(KS, "default", "crew");
    Map<String, Object> spec = (Map<String, Object>) s.getAdditionalProperties().get("spec");
    List<Object> members = new ArrayList<>((List<Object>) spec.get("members"));
    for (int i = 0; i < members.size(); i++) {
      Map<String, Object> m = (Map<String, Object>) members.get(i);
      if (m.get("spec") == null) {
        continue;
      }
      String name = m.get("name") != null ? (String) m.get("name") : "crew-member-" + i;
      liveAgent(name, "Running");
      members.set(i, Map.of("ref", Map.of("name", name, "namespace", "default")));
    }
    Map<String, Object> newSpec = new LinkedHashMap<>(spec);
    newSpec.put("members", members);
    s.setAdditionalProperty("spec", newSpec);
    f.cluster.client().genericKubernetesResources(KS).inNamespace("default").resource(s)
        .update();
  }

  @SuppressWarnings("unchecked")
  List<Object> liveMembers() {
    return (List<Object>) at(f.get(KS, "default", "crew"), "spec", "members");
  }

  @Test
  void aSquadRewrittenByItsControllerPlansClean() {
    liveAgent("alpha", "Sleeping");
    squad(List.of("review", "test"));
    assertEquals(Action.CREATE, change(f.sync(), "KomputerSquad", "crew").action());
    controllerNormalizes();
    List<Object> normalized = liveMembers();

    Plan p = f.sync();
    Change c = change(p, "KomputerSquad", "crew");
    assertEquals(Action.UNCHANGED, c.action(), c.fields().toString());
    assertTrue(c.notWritten().isEmpty(), c.notWritten().toString());
    assertEquals(normalized, liveMembers()); // never reverted
    assertTrue(PlanTextProbe.text(p).startsWith("No changes."), PlanTextProbe.text(p));
  }

  @Test
  void aGitEditOfAnEmbeddedMemberIsReportedNotWritten() {
    liveAgent("alpha", "Sleeping");
    squad(List.of("review", "test"));
    f.sync();
    controllerNormalizes();
    f.sync();

    squad(List.of("review everything", "test"));
    Plan p = f.sync();
    Change c = change(p, "KomputerSquad", "crew");
    assertEquals(List.of("/spec/members/1"),
        c.notWritten().stream().map(Unwritten::pointer).toList());
    assertEquals(Unwritten.Reason.PLATFORM_WRITTEN, c.notWritten().get(0).reason());
    assertTrue(c.notWritten().get(0).detail().contains("does not reach"));
    assertEquals(Map.of("ref", Map.of("name", "helper", "namespace", "default")),
        liveMembers().get(1));
    String text = PlanTextProbe.text(p);
    assertTrue(text.contains("not written: /spec/members/1 (platform-written:"), text);
    assertTrue(text.contains("1 field not written"), text);
    // still said on the next pass: the record keeps Git's value as last written
    assertEquals(1, change(f.plan(), "KomputerSquad", "crew").notWritten().size());
    // a revert in Git is clean again
    squad(List.of("review", "test"));
    assertTrue(change(f.plan(), "KomputerSquad", "crew").notWritten().isEmpty());
  }

  @Test
  void addingAMemberKeepsTheOthersInTheirLiveForm() {
    liveAgent("alpha", "Sleeping");
    liveAgent("gamma", "Sleeping");
    squad(List.of("review", "test"));
    f.sync();
    controllerNormalizes();
    f.sync();

    squad(List.of("review", "test"), "gamma");
    Plan p = f.sync();
    Change c = change(p, "KomputerSquad", "crew");
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of(Map.of("ref", Map.of("name", "alpha")),
        Map.of("ref", Map.of("name", "helper", "namespace", "default")),
        Map.of("ref", Map.of("name", "crew-member-2", "namespace", "default")),
        Map.of("ref", Map.of("name", "gamma"))), liveMembers());
    String text = PlanTextProbe.text(p);
    assertFalse(text.contains("{}"), text);
    assertTrue(text.contains("+  - ref:\n    +      name: gamma\n"), text);
    assertFalse(text.contains("instructions"), text); // written as refs, shown as refs
    assertEquals(Action.UNCHANGED, change(f.plan(), "KomputerSquad", "crew").action());
  }
}
