package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code roster plan --base} as a pull-request check runs it: a real Git repository (a base
 * commit, then a head commit), planned through {@link Main#run} with no cluster.
 */
class PullRequestPlanTest {
  static final String TEMPLATE = """
      apiVersion: kubeopencode.io/v1alpha1
      kind: AgentTemplate
      metadata:
        name: devbox
        namespace: coding-agents
      spec:
        agentImage: ghcr.io/kubeopencode/kubeopencode-agent-opencode:%s
        workspaceDir: /workspace
        serviceAccountName: agent
      """;
  static final String AGENTS = """
      apiVersion: kubeopencode.io/v1alpha1
      kind: Agent
      metadata:
        name: reviewer
        namespace: coding-agents
      spec:
        templateRef:
          name: devbox
        profile: Reviews pull requests
      ---
      apiVersion: kubeopencode.io/v1alpha1
      kind: Agent
      metadata:
        name: team-agent
        namespace: coding-agents
        annotations:
          roster.dev/rollout: Manual
      spec:
        templateRef:
          name: devbox
        profile: Shared coding assistant
      """;
  static final String NAMESPACE = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: coding-agents
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: agent
        namespace: coding-agents
      """;

  @TempDir Path tmp;
  Path repo;
  Git git;

  record Run(int code, String out, String err) {}

  static Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void baseCommit() throws Exception {
    repo = tmp.resolve("config");
    git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    write("namespace.yaml", NAMESPACE);
    write("template.yaml", TEMPLATE.formatted("v1"));
    write("agents.yaml", AGENTS);
    commit("base");
  }

  void write(String file, String text) throws IOException {
    Path p = repo.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").call().name();
  }

  Run plan(String... more) {
    List<String> args = new ArrayList<>(List.of("plan", "--repo", repo.toString(),
        "--source-name", "agents", "--ref", "HEAD"));
    args.addAll(List.of(more));
    return roster(args.toArray(String[]::new));
  }

  @Test
  void templateChangeWithBaseShowsRestartAndReachedAgentsInEveryRendering() throws Exception {
    write("template.yaml", TEMPLATE.formatted("v2"));
    commit("new image");
    String reached = "Agent/coding-agents/reviewer, Agent/coding-agents/team-agent";

    Run text = plan("--base", "HEAD~1"); // a revision expression, not a ref name
    assertEquals(0, text.code(), text::toString);
    List<String> lines = text.out().lines().toList();
    int header = lines.indexOf("~ update kubeopencode.io/v1alpha1 AgentTemplate"
        + " coding-agents/devbox (template.yaml)");
    assertTrue(header >= 0, text.out());
    assertEquals("    rollout: restart, reaches " + reached, lines.get(header + 1), text.out());
    assertTrue(text.out().contains("Plan: 0 to create, 1 to update, 0 to prune, 4 unchanged"),
        text.out());

    Run md = plan("--base", "HEAD~1", "-o", "markdown");
    assertEquals(0, md.code(), md::toString);
    String body = md.out();
    assertTrue(body.startsWith("<!-- roster-plan:agents -->\n### Roster plan for agents (base"
        + " HEAD~1@sha1:"), body);
    assertTrue(body.contains(" → head main@sha1:"), body);
    int agents = body.indexOf("#### Agents affected");
    assertTrue(agents > 0 && agents < body.indexOf("| Action | Count |"), body);
    assertTrue(body.contains("- **Restart (2):** Agent/coding-agents/reviewer (via"
        + " AgentTemplate/coding-agents/devbox), Agent/coding-agents/team-agent (via"
        + " AgentTemplate/coding-agents/devbox)\n"), body);
    assertTrue(body.contains("- **Held while busy (1):** Agent/coding-agents/reviewer — Rollout"
        + " policy: each restarts once its tasks end (no cluster was asked, so none are"
        + " counted)\n"), body);
    assertTrue(body.contains("- **Wait for approval (1):** Agent/coding-agents/team-agent —"
        + " Manual policy: `roster approve`\n"), body);
    assertTrue(body.contains("```diff\nrollout: restart, reaches " + reached + "\n"), body);

    Run json = plan("--base", "HEAD~1", "-o", "json");
    assertEquals(0, json.code(), json::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertTrue(doc.get("base").asString().startsWith("HEAD~1@sha1:"), json.out());
    JsonNode template = change(doc, "devbox");
    assertEquals("restart", template.get("rollout").get("marker").asString(), json.out());
    assertEquals("none", template.get("rollout").get("hold").asString(), json.out());
    assertEquals(List.of("Agent/coding-agents/reviewer", "Agent/coding-agents/team-agent"),
        strings(template.get("rollout").get("reaches")));
  }

  @Test
  void agentSpecChangesAreMarkedInPlaceOrRestartWithBase() throws Exception {
    write("agents.yaml", AGENTS.replace("profile: Reviews pull requests",
        "profile: Reviews pull requests carefully").replace("profile: Shared coding assistant",
        "profile: Shared coding assistant\n  agentImage: ghcr.io/example/opencode:v3"));
    commit("agents change");
    Run json = plan("--base", "main~1", "-o", "json");
    assertEquals(0, json.code(), json::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertEquals("in-place", change(doc, "reviewer").get("rollout").get("marker").asString());
    JsonNode team = change(doc, "team-agent");
    assertEquals("restart", team.get("rollout").get("marker").asString(), json.out());
    assertEquals(0, team.get("rollout").get("reaches").size(), json.out());

    Run md = plan("--base", "main~1", "-o", "markdown");
    assertTrue(md.out().contains("- **Restart (1):** Agent/coding-agents/team-agent\n"),
        md.out());
    assertTrue(md.out().contains("- **In place:** 1 change, no restart\n"), md.out());
    Run text = plan("--base", "main~1");
    assertTrue(text.out().contains("    rollout: in-place\n"), text.out());
  }

  @Test
  void newRunsAndReCreatesAreNamedWithBase() throws Exception {
    write("tasks.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Task
        metadata:
          name: fix-tests
          namespace: coding-agents
        spec:
          templateRef:
            name: devbox
          description: Fix the failing tests.
        """);
    write("agents.yaml", AGENTS.replace("""
          annotations:
            roster.dev/rollout: Manual
        spec:""", """
          annotations:
            roster.dev/rollout: Manual
            roster.dev/recreate: "true"
        spec:
          persistence:
            workspace:
              size: 20Gi"""));
    commit("a run, and a bigger workspace");
    Run md = plan("--base", "HEAD^", "-o", "markdown");
    assertEquals(0, md.code(), md::toString);
    assertTrue(md.out().contains("- **Runs start (1):** Task/coding-agents/fix-tests\n"),
        md.out());
    assertTrue(md.out().contains("- **Re-created (1):** Agent/coding-agents/team-agent\n"),
        md.out());
    assertTrue(md.out().contains("- **Wait for approval (1):** Agent/coding-agents/team-agent"),
        md.out());

    Run text = plan("--base", "HEAD^");
    assertTrue(text.out().contains("~ update kubeopencode.io/v1alpha1 Agent"
        + " coding-agents/team-agent (agents.yaml) [recreate: deleted and created again from"
        + " Git]\n    rollout: recreate\n"), text.out());
    assertTrue(text.out().contains("+ create kubeopencode.io/v1alpha1 Task"
        + " coding-agents/fix-tests (tasks.yaml)\n    rollout: new-run\n"), text.out());
  }

  @Test
  void aGitUrlTakesRevisionExpressionsFromItsMirror() throws Exception {
    write("template.yaml", TEMPLATE.formatted("v2"));
    commit("new image");
    Run json = roster("plan", "--repo", repo.toUri().toString(), "--ref", "main", "--base",
        "main~1", "--cache-dir", tmp.resolve("cache").toString(), "--source-name", "agents",
        "-o", "json");
    assertEquals(0, json.code(), json::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    assertTrue(doc.get("base").asString().startsWith("main~1@sha1:"), json.out());
    assertEquals("restart", change(doc, "devbox").get("rollout").get("marker").asString());
  }

  @Test
  void noChangesWithBaseDoNotClaimTheClusterMatches() {
    Run md = plan("--base", "main", "-o", "markdown");
    assertEquals(0, md.code(), md::toString);
    assertTrue(md.out().endsWith(": no changes between the revisions.\n"), md.out());
    assertFalse(md.out().toLowerCase().contains("live matches"), md.out());

    Run text = plan("--base", "main");
    assertTrue(text.out().startsWith("No changes between main@sha1:"), text.out());
    assertFalse(text.out().contains("Live matches"), text.out());
  }

  @Test
  void onlyAFieldNotWrittenWithBaseIsNotCalledInSync() throws Exception {
    String keeper = """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata: {name: keeper, namespace: coding-agents}
        spec:
          templateRef: {name: devbox}
          persistence: {workspace: {size: %s}}
        """;
    write("keeper.yaml", keeper.formatted("10Gi"));
    commit("keeper");
    write("keeper.yaml", keeper.formatted("20Gi"));
    commit("grow keeper");
    for (String format : List.of("text", "markdown")) {
      Run r = plan("--base", "HEAD~1", "-o", format);
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("Nothing to write between HEAD~1@sha1:"), r.out());
      assertTrue(r.out().contains(" except 1 field not written: Agent coding-agents/keeper"
          + " /spec/persistence/workspace/size (immutable)."), r.out());
      assertFalse(r.out().contains("In sync"), r.out());
    }
  }

  @Test
  void aShallowCloneMissingTheBaseNamesTheFix() throws Exception {
    write("template.yaml", TEMPLATE.formatted("v2"));
    commit("head");
    Path shallow = tmp.resolve("shallow");
    Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(shallow.toFile())
        .setDepth(1).call().close();
    assertTrue(Files.exists(shallow.resolve(".git/shallow")), "JGit made a shallow clone");

    Run r = roster("plan", "--repo", shallow.toString(), "--ref", "HEAD", "--base", "HEAD~1");
    assertEquals(ExitCode.USAGE, r.code(), r::toString);
    assertTrue(r.err().contains("ref 'HEAD~1' not found"), r.err());
    assertTrue(r.err().contains("git fetch --unshallow"), r.err());
    assertTrue(r.err().contains("fetch-depth: 0"), r.err());
  }

  @Test
  void twoThousandChangedConfigMapsFitUnderTheDefaultBudget() throws Exception {
    write("configmaps.yaml", configMaps(2000, "before"));
    commit("many");
    write("configmaps.yaml", configMaps(2000, "after"));
    commit("all change");

    Run md = plan("--base", "HEAD~1", "-o", "markdown", "--full-plan-url",
        "https://ci.example.com/runs/7");
    assertEquals(0, md.code(), md::toString);
    int size = md.out().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(size <= 60_000, "comment of " + size + " bytes");
    assertTrue(md.out().startsWith("<!-- roster-plan:agents -->\n"), md.out());
    assertTrue(md.out().contains("| update | 2000 |"), md.out());
    assertTrue(md.out().contains("- ~ update v1 ConfigMap coding-agents/settings-0"
        + " (configmaps.yaml) — in-place\n"), md.out());
    assertFalse(md.out().contains("```diff"), "diffs collapse");
    assertTrue(md.out().contains("> **✂️ Shortened to fit 60000 bytes:** the diffs of 2000"
        + " objects are left out, and "), md.out());
    assertTrue(md.out().contains("The full plan: https://ci.example.com/runs/7.\n"), md.out());

    Run small = plan("--base", "HEAD~1", "-o", "markdown", "--max-bytes", "10000");
    assertTrue(small.out().getBytes(StandardCharsets.UTF_8).length <= 10_000, small.out());
    assertTrue(small.out().contains("-o json"), small.out());
    assertTrue(small.out().matches("(?s).*, and \\d+ list items are not shown \\(the full comment"
        + " would take \\d+ bytes\\).*"), small.out());

    Run tooSmall = plan("--base", "HEAD~1", "-o", "markdown", "--max-bytes", "100");
    assertEquals(ExitCode.USAGE, tooSmall.code(), tooSmall::toString);
  }

  static String configMaps(int n, String value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-").append(i)
          .append("\n  namespace: coding-agents\ndata:\n  value: ").append(value)
          .append("\n---\n");
    }
    return b.toString();
  }

  static JsonNode change(JsonNode doc, String name) {
    for (JsonNode c : doc.get("changes")) {
      if (name.equals(c.get("name").asString())) {
        return c;
      }
    }
    throw new AssertionError("no change " + name + " in " + doc);
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
