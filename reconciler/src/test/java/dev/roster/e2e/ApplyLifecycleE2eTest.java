package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.KOMPUTER;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.ServerRequests;
import dev.roster.kube.InventoryStore;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Inventory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, re-apply, update, field removal and rename, through {@code roster apply} and plan. */
class ApplyLifecycleE2eTest {
  @TempDir Path tmp;
  E2eFixture f;
  String first;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    first = f.commit("seven objects");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void createsEveryObjectWithOwnershipAndProvenance() {
    f.requests().reset();
    E2eFixture.Run r = f.applyOk();

    assertTrue(r.out().contains("Plan: 7 to create, 0 to update, 0 to prune, 0 unchanged"),
        r::toString);
    assertTrue(r.out().contains("Apply: 7 created, 0 updated, 0 pruned, 0 failed."), r::toString);
    assertTrue(r.out().contains("+ create kubeopencode.io/v1alpha1 Agent agents/team-agent"
        + " (kubeopencode/agent.yaml)"), r::toString);
    assertEquals("", r.err());
    // + inventory, + status (apply records it, as serve does)
    assertEquals(7, f.requests().count("POST") - 2, f.requests()::toString);
    assertTrue(new dev.roster.status.StatusStore(f.client, "default").read(E2eFixture.SOURCE)
        .orElseThrow().lastAppliedRevision().startsWith("main@sha1:"),
        "apply records the revision it applied");
    List<HasMetadata> live = List.of(
        f.client.namespaces().withName(NS).get(),
        f.client.configMaps().inNamespace(NS).withName("agent-config").get(),
        f.live(KOC, "AgentTemplate", NS, "team-config"),
        f.live(KOC, "Agent", NS, "team-agent"),
        f.live(KOC, "Task", NS, "fix-tests"),
        f.live(KOMPUTER, "KomputerAgent", NS, "triage-bot"),
        f.live(KOMPUTER, "KomputerConfig", null, "komputer-config"));
    for (HasMetadata o : live) {
      assertNotNull(o);
      Map<String, String> labels = o.getMetadata().getLabels();
      assertEquals("roster", labels.get("app.kubernetes.io/managed-by"), o::toString);
      assertEquals("demo", labels.get("roster.dev/source"), o::toString);
      Map<String, String> notes = o.getMetadata().getAnnotations();
      assertEquals("main@sha1:" + first, notes.get("roster.dev/revision"), o::toString);
      assertTrue(notes.get("roster.dev/applied-fields").startsWith("{"), o::toString);
      assertEquals(f.url(), notes.get("roster.dev/repo"));
    }
    assertEquals("kubeopencode/agent.yaml", live.get(3).getMetadata().getAnnotations()
        .get("roster.dev/file"));
    assertEquals("Fix the failing tests.", E2eFixture.field(
        f.live(KOC, "Task", NS, "fix-tests"), "spec").get("description"));
    assertNull(f.live(KOMPUTER, "KomputerConfig", null, "komputer-config").getMetadata()
        .getNamespace());

    ConfigMap inv = f.client.configMaps().inNamespace("default").withName(E2eFixture.INVENTORY)
        .get();
    assertNotNull(inv, "inventory ConfigMap");
    assertEquals("7", inv.getData().get("count"));
    assertEquals("main@sha1:" + first, inv.getData().get("revision"));
    Inventory stored = new InventoryStore(f.client, "default").read("demo");
    assertTrue(stored.keys().contains(
        new ResourceKey("komputer.komputer.ai", "KomputerConfig", "", "komputer-config")));
    assertEquals(7, stored.keys().size());
  }

  @Test
  void reapplyingTheSameRevisionWritesNothing() {
    f.applyOk();
    f.requests().reset();

    E2eFixture.Run again = f.applyOk();

    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertTrue(again.out().startsWith("No changes. Live matches revision main@sha1:" + first),
        again::toString);
    assertTrue(again.out().contains("Apply: 0 created, 0 updated, 0 pruned, 0 failed."));
    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(0, plan.exit(), plan::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
  }

  @Test
  void updatesOnlyTheObjectWhoseFieldChanged() {
    f.applyOk();
    f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the failing tests.", "45m"));
    String second = f.commit("time out the task");

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    List<String> lines = plan.outLines();
    assertTrue(lines.contains("~ update kubeopencode.io/v1alpha1 Task agents/fix-tests"
        + " (kubeopencode/task.yaml)"), plan::toString);
    assertTrue(lines.contains("    +  timeout: 45m"), plan::toString);
    assertTrue(lines.contains("Plan: 0 to create, 1 to update, 0 to prune, 6 unchanged"),
        plan::toString);

    f.requests().reset();
    E2eFixture.Run r = f.applyOk();
    assertTrue(r.out().contains("Apply: 0 created, 1 updated, 0 pruned, 0 failed."), r::toString);
    assertEquals(1, f.requests().count("PATCH"), f.requests()::toString);
    List<ServerRequests.Request> objectWrites = f.requests().recentWrites().stream()
        .filter(w -> !w.path().contains(E2eFixture.INVENTORY)
            && !w.path().contains(E2eFixture.STATUS)
            && !w.path().equals("/api/v1/namespaces/default/configmaps"))
        .toList();
    assertEquals(1, objectWrites.size(), objectWrites::toString);
    assertEquals("/apis/kubeopencode.io/v1alpha1/namespaces/agents/tasks/fix-tests",
        objectWrites.get(0).path());
    var task = f.live(KOC, "Task", NS, "fix-tests");
    assertEquals("45m", E2eFixture.field(task, "spec").get("timeout"));
    assertEquals("main@sha1:" + second,
        task.getMetadata().getAnnotations().get("roster.dev/revision"));
    assertEquals("main@sha1:" + second, f.client.configMaps().inNamespace("default")
        .withName(E2eFixture.INVENTORY).get().getData().get("revision"));
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }

  @Test
  void removesAFieldGitNoLongerSetsButKeepsOtherActorsFields() {
    f.applyOk();
    f.patchLive(KOC, "Agent", NS, "team-agent", """
        [{"op": "add", "path": "/spec/suspend", "value": true},
         {"op": "add", "path": "/metadata/annotations/other.example~1note", "value": "hand"}]""");
    f.write(Manifests.AGENT_FILE, Manifests.agent("team-agent", -1));
    f.commit("drop maxConcurrentTasks");

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    assertTrue(plan.outLines().contains("    -  maxConcurrentTasks: 3"), plan::toString);
    assertFalse(plan.out().contains("suspend"), plan::toString);
    assertFalse(plan.out().contains("other.example"), plan::toString);

    f.applyOk();
    var agent = f.live(KOC, "Agent", NS, "team-agent");
    Map<String, Object> spec = E2eFixture.field(agent, "spec");
    assertFalse(spec.containsKey("maxConcurrentTasks"), spec::toString);
    assertEquals(true, spec.get("suspend"), "another actor's field survives");
    assertEquals("hand", agent.getMetadata().getAnnotations().get("other.example/note"));
    assertEquals("Team development agent", spec.get("profile"));
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }

  @Test
  void renameCreatesTheNewNameAndPrunesTheOld() {
    f.applyOk();
    f.write(Manifests.KOMPUTER_FILE, Manifests.komputerAgent("triage-agent",
        "Triage new tickets every morning."));
    f.commit("rename triage-bot");

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    List<String> lines = plan.outLines();
    assertTrue(lines.contains("+ create komputer.komputer.ai/v1alpha1 KomputerAgent"
        + " agents/triage-agent (komputer/agents.yaml)"), plan::toString);
    assertTrue(lines.contains("- prune komputer.komputer.ai/v1alpha1 KomputerAgent"
        + " agents/triage-bot (komputer/agents.yaml)"), plan::toString);

    f.requests().reset();
    E2eFixture.Run r = f.applyOk();
    assertTrue(r.out().contains("Apply: 1 created, 0 updated, 1 pruned, 0 failed."), r::toString);
    assertEquals(1, f.requests().count("DELETE"), f.requests()::toString);
    assertNull(f.get(KOMPUTER, "KomputerAgent", NS, "triage-bot"));
    assertNotNull(f.get(KOMPUTER, "KomputerAgent", NS, "triage-agent"));
    Inventory stored = new InventoryStore(f.client, "default").read("demo");
    assertTrue(stored.keys().contains(
        new ResourceKey("komputer.komputer.ai", "KomputerAgent", NS, "triage-agent")));
    assertFalse(stored.keys().contains(
        new ResourceKey("komputer.komputer.ai", "KomputerAgent", NS, "triage-bot")));
    assertEquals(7, stored.keys().size());
  }

  @Test
  void namespacedObjectsWithoutANamespaceGoToTheDefaultOrNamespaceFlag() {
    f.write("loose/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loose\n"
        + "data:\n  a: \"1\"\n");
    f.commit("a ConfigMap without namespace");

    E2eFixture.Run r = f.applyOk();
    assertTrue(r.out().contains("+ create v1 ConfigMap default/loose (loose/settings.yaml)"),
        r::toString);
    assertNotNull(f.client.configMaps().inNamespace("default").withName("loose").get());
    assertNull(f.live(KOMPUTER, "KomputerConfig", null, "komputer-config").getMetadata()
        .getNamespace(), "cluster-scoped kinds take no namespace");
    assertNotNull(f.live(KOMPUTER, "KomputerAgent", NS, "triage-bot"), "explicit namespace kept");

    E2eFixture.Run moved = f.applyOk("--namespace", "team-b");
    assertTrue(moved.outLines().contains(
        "+ create v1 ConfigMap team-b/loose (loose/settings.yaml)"), moved::toString);
    assertTrue(moved.outLines().contains(
        "- prune v1 ConfigMap default/loose (loose/settings.yaml)"), moved::toString);
    assertEquals("demo", f.client.configMaps().inNamespace("team-b").withName("loose").get()
        .getMetadata().getLabels().get("roster.dev/source"));
    assertNull(f.client.configMaps().inNamespace("default").withName("loose").get());
    assertNotNull(f.live(KOMPUTER, "KomputerAgent", NS, "triage-bot"));
  }
}
