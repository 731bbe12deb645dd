package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.KOMPUTER;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.InventoryStore;
import dev.roster.load.ResourceKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift, adoption and prune safety: what Roster does with objects others touched. */
class OwnershipE2eTest {
  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.commit("seven objects");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void driftInAFieldGitSetsIsShownAndReverted() {
    f.applyOk();
    f.patchLive(KOC, "Agent", NS, "team-agent", """
        [{"op": "replace", "path": "/spec/workspaceDir", "value": "/tmp"},
         {"op": "add", "path": "/spec/port", "value": 4097}]""");
    // komputer-api writes spec.model at run time (its profile makes it runtime-owned): left
    // alone until Git changes it, and said so
    f.patchLive(KOMPUTER, "KomputerAgent", NS, "triage-bot",
        "[{\"op\": \"replace\", \"path\": \"/spec/model\", \"value\": \"claude-haiku\"}]");

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    assertTrue(plan.outLines().contains("~ update kubeopencode.io/v1alpha1 Agent"
        + " agents/team-agent (kubeopencode/agent.yaml)"), plan::toString);
    assertTrue(plan.outLines().contains("    -  workspaceDir: /tmp"), plan::toString);
    assertTrue(plan.outLines().contains("    +  workspaceDir: /workspace"), plan::toString);
    assertFalse(plan.out().contains("port"), "a field Git never set is not drift: " + plan);
    assertTrue(plan.out().contains("not written: /spec/model (platform-written: "), plan::toString);

    f.requests().reset();
    E2eFixture.Run r = f.applyOk();
    assertTrue(r.out().contains("Apply: 0 created, 1 updated, 0 pruned, 0 failed."), r::toString);
    assertEquals(1, f.requests().writes() - statusWrites(), "same revision: no inventory write; "
        + f.requests());
    Map<String, Object> spec = E2eFixture.field(f.live(KOC, "Agent", NS, "team-agent"), "spec");
    assertEquals("/workspace", spec.get("workspaceDir"));
    assertEquals(4097, ((Number) spec.get("port")).intValue(), "left alone");
    assertEquals("claude-haiku", E2eFixture.field(
        f.live(KOMPUTER, "KomputerAgent", NS, "triage-bot"), "spec").get("model"));
    E2eFixture.Run after = f.plan("--detailed-exit-code");
    assertEquals(0, after.exit(), after::toString);
    assertTrue(after.out().contains("In sync with revision "), after::toString);
  }

  @Test
  void anObjectDeletedByHandIsCreatedAgain() {
    f.applyOk();
    f.client.genericKubernetesResources(KOC, "Agent").inNamespace(NS).withName("team-agent")
        .delete();
    assertNull(f.get(KOC, "Agent", NS, "team-agent"));

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    assertTrue(plan.outLines().contains("+ create kubeopencode.io/v1alpha1 Agent agents/team-agent"
        + " (kubeopencode/agent.yaml)"), plan::toString);
    f.requests().reset();
    f.applyOk();
    assertEquals(1, f.requests().writes() - statusWrites(), "the Agent only: " + f.requests());
    assertNotNull(f.get(KOC, "Agent", NS, "team-agent"));
  }

  @Test
  void editingOnlyAFieldGitNeverSetIsNoChange() {
    f.applyOk();
    f.patchLive(KOC, "Task", NS, "fix-tests",
        "[{\"op\": \"add\", \"path\": \"/spec/timeout\", \"value\": \"2h\"}]");
    f.patchLive(KOC, "Task", NS, "fix-tests",
        "[{\"op\": \"replace\", \"path\": \"/spec/timeout\", \"value\": \"3h\"}]");
    f.requests().reset();

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(0, plan.exit(), plan::toString);
    assertTrue(plan.out().startsWith("No changes."), plan::toString);
    f.applyOk();
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertEquals("3h", E2eFixture.field(f.live(KOC, "Task", NS, "fix-tests"), "spec")
        .get("timeout"));
  }

  @Test
  void refusesToTakeOverAnUnmanagedObjectUntilGitSaysAdopt() {
    ConfigMap theirs = new ConfigMapBuilder().withNewMetadata().withName("legacy")
        .withNamespace(NS).addToLabels("owner", "someone-else").endMetadata()
        .addToData("value", "theirs").addToData("extra", "kept").build();
    String version = f.client.configMaps().inNamespace(NS).resource(theirs).create()
        .getMetadata().getResourceVersion();
    f.write("agents/legacy.yaml", Manifests.plainConfigMap("legacy", "ours"));
    f.commit("claim legacy");

    E2eFixture.Run refused = f.apply();
    assertEquals(5, refused.exit(), refused::toString);
    assertTrue(refused.outLines().contains("! refused v1 ConfigMap agents/legacy"
        + " (agents/legacy.yaml): exists and is not managed by Roster; annotate it"
        + " roster.dev/adopt: \"true\" in Git to take it over"), refused::toString);
    assertTrue(refused.err().contains("refused: ConfigMap agents/legacy: exists and is not"
        + " managed by Roster; annotate it roster.dev/adopt: \"true\" in Git"), refused::toString);
    assertTrue(refused.out().contains("Apply: 7 created, 0 updated, 0 pruned, 0 failed,"
        + " 1 refused."), refused::toString);
    ConfigMap after = f.client.configMaps().inNamespace(NS).withName("legacy").get();
    assertEquals(Map.of("value", "theirs", "extra", "kept"), after.getData());
    assertEquals(Map.of("owner", "someone-else"), after.getMetadata().getLabels());
    assertEquals(version, after.getMetadata().getResourceVersion(), "not written");
    assertNotNull(f.live(KOC, "Agent", NS, "team-agent"), "the others are applied");
    assertFalse(new InventoryStore(f.client, "default").read("demo").keys()
        .contains(new ResourceKey("", "ConfigMap", NS, "legacy")));

    f.write("agents/legacy.yaml", Manifests.plainConfigMap("legacy", "ours").replace(
        "  namespace: agents\n",
        "  namespace: agents\n  annotations:\n    roster.dev/adopt: \"true\"\n"));
    f.commit("adopt legacy");
    E2eFixture.Run adopted = f.applyOk();
    assertTrue(adopted.outLines().contains("~ update v1 ConfigMap agents/legacy"
        + " (agents/legacy.yaml)"), adopted::toString);
    ConfigMap ours = f.client.configMaps().inNamespace(NS).withName("legacy").get();
    assertEquals("demo", ours.getMetadata().getLabels().get("roster.dev/source"));
    assertEquals("roster", ours.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertEquals("someone-else", ours.getMetadata().getLabels().get("owner"));
    assertEquals("ours", ours.getData().get("value"));
    assertEquals("kept", ours.getData().get("extra"), "fields Git does not set stay");
    assertTrue(new InventoryStore(f.client, "default").read("demo").keys()
        .contains(new ResourceKey("", "ConfigMap", NS, "legacy")));
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }

  @Test
  void neverPrunesWhatIsMarkedOrNoLongerLabelledForThisSource() {
    f.write("agents/keep.yaml", Manifests.plainConfigMap("keep", "1"));
    f.write("agents/moved.yaml", Manifests.plainConfigMap("moved", "2"));
    f.commit("two more");
    f.applyOk();
    f.patchLive("v1", "ConfigMap", NS, "keep", "[{\"op\": \"add\","
        + " \"path\": \"/metadata/annotations/roster.dev~1prune\", \"value\": \"disabled\"}]");
    f.patchLive("v1", "ConfigMap", NS, "moved", "[{\"op\": \"replace\","
        + " \"path\": \"/metadata/labels/roster.dev~1source\", \"value\": \"elsewhere\"}]");
    f.delete("agents/keep.yaml").delete("agents/moved.yaml");
    f.commit("drop both from Git");

    f.requests().reset();
    E2eFixture.Run r = f.applyOk();
    assertTrue(r.outLines().contains("= orphaned v1 ConfigMap agents/keep (agents/keep.yaml):"
        + " roster.dev/prune: disabled; left in place"), r::toString);
    assertTrue(r.outLines().contains("= orphaned v1 ConfigMap agents/moved (agents/moved.yaml):"
        + " no longer labelled roster.dev/source=demo; left in place"), r::toString);
    assertTrue(r.out().contains("0 to prune, 7 unchanged, 2 orphaned"), r::toString);
    assertEquals(0, f.requests().count("DELETE"), f.requests()::toString);
    assertNotNull(f.client.configMaps().inNamespace(NS).withName("keep").get());
    assertNotNull(f.client.configMaps().inNamespace(NS).withName("moved").get());
    var inventory = new InventoryStore(f.client, "default").read("demo").keys();
    assertEquals(7, inventory.size(), inventory::toString);

    E2eFixture.Run again = f.applyOk();
    assertTrue(again.out().startsWith("No changes."), again::toString);
  }

  /** Writes of the status ConfigMap, which every apply that changes something records. */
  private long statusWrites() {
    return f.requests().recentWrites().stream()
        .filter(w -> w.path().contains(E2eFixture.STATUS)).count();
  }
}
