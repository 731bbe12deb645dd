package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.source.GitHttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sources: smart HTTP with a tag and a subdirectory, and offline plans between revisions. */
class SourceE2eTest {
  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void createsAndUpdatesOverSmartHttp() throws Exception {
    Manifests.writeStandard(f);
    String first = f.commit("seven objects");
    try (GitHttpServer http = GitHttpServer.start(tmp)) {
      String url = http.url("config-repo");
      E2eFixture.Run created = f.applyOk("--repo", url);
      assertTrue(created.out().contains("Apply: 7 created"), created::toString);
      var task = f.live(KOC, "Task", NS, "fix-tests");
      assertEquals("main@sha1:" + first,
          task.getMetadata().getAnnotations().get("roster.dev/revision"));
      assertEquals(url, task.getMetadata().getAnnotations().get("roster.dev/repo"));

      f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the failing tests.", "15m"));
      String second = f.commit("reword");
      E2eFixture.Run plan = f.plan("--repo", url, "--detailed-exit-code");
      assertEquals(4, plan.exit(), plan::toString);
      f.requests().reset();
      E2eFixture.Run updated = f.applyOk("--repo", url);
      assertTrue(updated.out().contains("Apply: 0 created, 1 updated, 0 pruned"),
          updated::toString);
      assertEquals(1, f.requests().count("PATCH"), f.requests()::toString);
      task = f.live(KOC, "Task", NS, "fix-tests");
      assertEquals("15m", E2eFixture.field(task, "spec").get("timeout"));
      assertEquals("main@sha1:" + second,
          task.getMetadata().getAnnotations().get("roster.dev/revision"));
      assertTrue(http.requestCount() > 0);
    }
  }

  @Test
  void appliesATagAndASubdirectory() throws Exception {
    f.write("envs/prod/settings.yaml", Manifests.plainConfigMap("prod-settings", "v1"));
    f.write("envs/staging/settings.yaml", Manifests.plainConfigMap("staging-settings", "v1"));
    String tagged = f.commit("v1 everywhere");
    f.tag("v1");
    f.write("envs/prod/settings.yaml", Manifests.plainConfigMap("prod-settings", "v2"));
    f.commit("v2 in prod");
    try (GitHttpServer http = GitHttpServer.start(tmp)) {
      String url = http.url("config-repo");
      E2eFixture.Run r = f.applyOk("--repo", url, "--ref", "v1", "--path", "envs/prod");
      assertTrue(r.out().contains("Apply: 1 created"), r::toString);
      ConfigMap prod = f.client.configMaps().inNamespace(NS).withName("prod-settings").get();
      assertEquals("v1", prod.getData().get("value"));
      assertEquals("v1@sha1:" + tagged,
          prod.getMetadata().getAnnotations().get("roster.dev/revision"));
      assertNull(f.client.configMaps().inNamespace(NS).withName("staging-settings").get());

      f.applyOk("--repo", url, "--ref", "main", "--path", "envs/prod");
      prod = f.client.configMaps().inNamespace(NS).withName("prod-settings").get();
      assertEquals("v2", prod.getData().get("value"));
      assertNull(f.client.configMaps().inNamespace(NS).withName("staging-settings").get());
    }
  }

  @Test
  void plansOneRevisionAgainstAnotherWithoutACluster() {
    Manifests.writeStandard(f);
    f.write("agents/old.yaml", Manifests.plainConfigMap("old", "1"));
    String base = f.commit("base");
    f.tag("reviewed");
    // the timeout is written; the description, read only when the Task starts, is not (as apply)
    f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the flaky tests.", "45m"));
    f.delete("agents/old.yaml");
    f.write("agents/new.yaml", Manifests.plainConfigMap("new", "1"));
    String head = f.commit("head");
    f.requests().reset();
    String absent = tmp.resolve("no-such-kubeconfig").toString();

    E2eFixture.Run text = f.plan("--base", base, "--ref", "main", "--kubeconfig", absent,
        "--detailed-exit-code");
    assertEquals(4, text.exit(), text::toString);
    List<String> lines = text.outLines();
    assertTrue(lines.contains("+ create v1 ConfigMap agents/new (agents/new.yaml)"),
        text::toString);
    assertTrue(lines.contains("~ update kubeopencode.io/v1alpha1 Task agents/fix-tests"
        + " (kubeopencode/task.yaml)"), text::toString);
    assertTrue(lines.contains("    +  timeout: 45m"), text::toString);
    assertFalse(lines.contains("    +  description: Fix the flaky tests."), text::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("    not written: /spec/description"
        + " (immutable: KubeOpenCode reads a Task's spec only when it starts it; to apply it,"
        + " annotate the object in Git roster.dev/recreate: \"true\"")), text::toString);
    assertTrue(lines.contains("- prune v1 ConfigMap agents/old (agents/old.yaml)"),
        text::toString);
    assertTrue(lines.contains("Plan: 1 to create, 1 to update, 1 to prune, 6 unchanged,"
        + " 1 field not written"), text::toString);
    assertEquals(0, f.requests().byMethod().size(), "no cluster call: " + f.requests());

    E2eFixture.Run md = f.plan("--base", "reviewed", "--ref", "main", "--kubeconfig", absent,
        "-o", "markdown");
    assertEquals(0, md.exit(), md::toString);
    String body = md.out();
    assertTrue(body.contains("| Action | Count |\n| --- | ---: |\n| create | 1 |\n| update | 1 |\n"
        + "| prune | 1 |\n| unchanged | 6 |\n"), body);
    int prune = body.indexOf("- ⚠️ v1 ConfigMap agents/old (agents/old.yaml)");
    int update = body.indexOf("<summary>~ update Task agents/fix-tests");
    assertTrue(prune > 0 && update > prune, body);
    assertTrue(body.contains("<details><summary>+ create ConfigMap agents/new"), body);
    assertTrue(body.contains("</details>"), body);
    assertFalse(body.contains("roster.dev/applied-fields"), body);

    E2eFixture.Run json = f.plan("--base", base, "--ref", "main", "--kubeconfig", absent,
        "-o", "json");
    assertEquals(0, json.exit(), json::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertEquals("main@sha1:" + head, doc.get("revision").asString());
    assertEquals(1, doc.get("summary").get("prune").asInt());
    List<String> actions = new ArrayList<>();
    doc.get("changes").forEach(c -> actions.add(c.get("action").asString() + " "
        + c.get("name").asString()));
    assertTrue(actions.contains("prune old") && actions.contains("create new")
        && actions.contains("update fix-tests"), actions::toString);
    assertEquals(0, f.requests().byMethod().size(), "no cluster call: " + f.requests());
  }
}
