package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.KOMPUTER;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.ServerRequests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code apply --dry-run} and {@code apply --server-side}, checked on what the server received. */
class ApplyModesE2eTest {
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
  void dryRunPrintsThePlanAndWritesNothing() {
    f.requests().reset();
    E2eFixture.Run r = f.applyOk("--dry-run");

    assertTrue(r.outLines().contains("Plan: 7 to create, 0 to update, 0 to prune, 0 unchanged"),
        r::toString);
    assertTrue(r.outLines().contains("Dry run: nothing written."), r::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertNull(f.get(KOC, "Agent", NS, "team-agent"));
    assertNull(f.client.configMaps().inNamespace("default").withName(E2eFixture.INVENTORY).get());

    f.applyOk();
    f.delete(Manifests.KOMPUTER_FILE);
    f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the failing tests.", "1h"));
    f.commit("update one, prune one");
    f.requests().reset();
    E2eFixture.Run dry = f.applyOk("--dry-run");
    assertTrue(dry.out().contains("Plan: 0 to create, 1 to update, 1 to prune, 5 unchanged"),
        dry::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertNotNull(f.get(KOMPUTER, "KomputerAgent", NS, "triage-bot"));
    assertNull(E2eFixture.field(f.live(KOC, "Task", NS, "fix-tests"), "spec").get("timeout"));
  }

  @Test
  void serverSideApplySendsApplyPatchesAsFieldManagerRoster() {
    f.requests().reset();
    E2eFixture.Run r = f.applyOk("--server-side");
    assertTrue(r.out().contains("Apply: 7 created, 0 updated, 0 pruned, 0 failed."), r::toString);

    List<ServerRequests.Request> applies = objectWrites();
    assertEquals(7, applies.size(), applies::toString);
    for (ServerRequests.Request a : applies) {
      assertEquals("PATCH", a.method(), a::toString);
      assertTrue(a.contentType().startsWith("application/apply-patch+yaml"), a::toString);
      assertEquals("roster", a.query("fieldManager"), a::toString);
      assertEquals("true", a.query("force"), a::toString);
    }
    assertTrue(applies.stream().anyMatch(a -> a.path().startsWith(
        "/apis/komputer.komputer.ai/v1alpha1/komputerconfigs/komputer-config?")),
        applies::toString);
    assertEquals(0, f.requests().count("POST") - 2,
        "only the inventory and the status are created with POST");
    var agent = f.live(KOC, "Agent", NS, "team-agent");
    assertEquals("demo", agent.getMetadata().getLabels().get("roster.dev/source"));
    assertNotNull(f.live(KOMPUTER, "KomputerConfig", null, "komputer-config"));

    f.requests().reset();
    assertEquals(0, f.apply("--server-side").exit());
    assertEquals(0, f.requests().writes(), "nothing to change: " + f.requests());

    f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the failing tests.", "30m"));
    f.commit("reword");
    f.requests().reset();
    E2eFixture.Run updated = f.applyOk("--server-side");
    assertTrue(updated.out().contains("1 updated"), updated::toString);
    List<ServerRequests.Request> patches = objectWrites();
    assertEquals(1, patches.size(), patches::toString);
    assertTrue(patches.get(0).path().startsWith(
        "/apis/kubeopencode.io/v1alpha1/namespaces/agents/tasks/fix-tests?"), patches::toString);
    assertTrue(patches.get(0).contentType().startsWith("application/apply-patch+yaml"));
    assertEquals("30m",
        E2eFixture.field(f.live(KOC, "Task", NS, "fix-tests"), "spec").get("timeout"));
    assertEquals(0, f.plan("--detailed-exit-code").exit(), "the default path agrees");
  }

  @Test
  void jsonAndMarkdownOutputKeepStdoutForThePlanDocument() {
    E2eFixture.Run json = f.applyOk("-o", "json");
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertEquals(7, doc.get("summary").get("create").asInt(), json::toString);
    assertTrue(json.err().contains("Apply: 7 created, 0 updated, 0 pruned, 0 failed."),
        json::toString);

    E2eFixture.Run dry = f.applyOk("-o", "json", "--dry-run");
    assertEquals(7, JsonMapper.builder().build().readTree(dry.out()).get("summary")
        .get("unchanged").asInt(), dry::toString);
    assertEquals("Dry run: nothing written.\n", dry.err().replace("\r", ""));

    E2eFixture.Run md = f.applyOk("-o", "markdown");
    assertEquals("<!-- roster-plan:demo -->\n### Roster plan for demo at " + E2eFixture.revision("main", f.head())
        + ": no changes, live matches.\n", md.out().replace("\r", ""));
    assertTrue(md.err().contains("Apply: 0 created"), md::toString);
  }

  /** Writes to objects, leaving out the inventory ConfigMap. */
  private List<ServerRequests.Request> objectWrites() {
    return f.requests().recentWrites().stream()
        .filter(w -> !w.path().contains(E2eFixture.INVENTORY)
            && !w.path().contains(E2eFixture.STATUS)
            && !w.path().startsWith("/api/v1/namespaces/default/configmaps?")
            && !w.path().equals("/api/v1/namespaces/default/configmaps"))
        .toList();
  }
}
