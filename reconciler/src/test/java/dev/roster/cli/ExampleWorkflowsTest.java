package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CI files users copy from example-repo ({@code .github/workflows/roster-plan.yml}, {@code
 * .gitlab-ci.yml}), run: their roster commands, parsed from the YAML as written (variables
 * expanded, {@code > file} honoured), go through {@link Main#run} in a temporary clone of a fork
 * (base commit on main, a pull-request branch changing the AgentTemplate). A command that stops
 * working, or a file that stops naming it, fails here.
 */
class ExampleWorkflowsTest {
  static final Path EXAMPLE = ReadmeWalkthroughTest.ROOT.resolve("example-repo");
  static final Path GITHUB = EXAMPLE.resolve(".github/workflows/roster-plan.yml");
  static final Path GITLAB = EXAMPLE.resolve(".gitlab-ci.yml");

  @TempDir Path tmp;
  Path clone;
  String base;

  /** A roster command of a workflow: its arguments and the file its stdout goes to, if any. */
  record Command(List<String> args, String stdoutFile) {}

  @BeforeEach
  void fork() throws Exception {
    Path origin = tmp.resolve("origin");
    copy(EXAMPLE, origin);
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      base = commit(git, "base");
    }
    clone = tmp.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(origin.toUri().toString())
        .setDirectory(clone.toFile()).call()) {
      git.checkout().setCreateBranch(true).setName("new-image").call();
      edit(clone.resolve("kubeopencode/agenttemplate.yaml"), "opencode:v0.9.2", "opencode:v0.9.3");
      commit(git, "agents: opencode v0.9.3");
    }
  }

  @Test
  void githubWorkflowValidatesPlansAndCommentsOnce() throws Exception {
    Map<String, Object> wf = yaml(GITHUB);
    Map<String, String> env = env(wf.get("env"));
    env.put("GITHUB_BASE_REF", "main");
    env.put("RUN_URL", "https://github.com/acme/agents/actions/runs/7");
    List<Command> commands = new ArrayList<>();
    String script = "";
    for (Object job : map(wf.get("jobs")).values()) {
      for (Object step : (List<?>) map(job).get("steps")) {
        Map<String, Object> s = map(step);
        if (s.get("run") != null) {
          commands.addAll(commands(String.valueOf(s.get("run")), env));
        }
        if (s.get("with") instanceof Map<?, ?> with && with.get("script") != null) {
          script = String.valueOf(with.get("script"));
        }
      }
    }
    assertEquals(List.of("validate", "plan", "plan"), subcommands(commands));
    runAll(commands);
    checkPlans("origin/main");
    assertTrue(script.contains("split('\\n')[0]") && script.contains("startsWith(marker)")
        && script.contains("updateComment") && script.contains("createComment"), script);
    assertTrue(commands.get(0).args().containsAll(List.of("-o", "github")), "annotations");

    breakHead();
    assertEquals(ExitCode.INVALID, run(commands.get(0)), "invalid input fails the check");
    assertEquals(ExitCode.INVALID, run(commands.get(1)));
  }

  @Test
  void gitlabJobValidatesPlansAndNotesOnce() throws Exception {
    Map<String, Object> ci = yaml(GITLAB);
    Map<String, Object> job = map(ci.get("roster-plan"));
    Map<String, String> env = env(job.get("variables"));
    env.put("CI_MERGE_REQUEST_DIFF_BASE_SHA", base); // a SHA as --base
    env.put("CI_JOB_URL", "https://gitlab.example.com/acme/agents/-/jobs/7");
    assertEquals("0", env.get("GIT_DEPTH"), "a full clone: --base needs the history");
    List<Command> commands = new ArrayList<>();
    String script = "";
    for (Object line : (List<?>) job.get("script")) {
      commands.addAll(commands(String.valueOf(line), env));
      script += line + "\n";
    }
    assertEquals(List.of("validate", "plan", "plan"), subcommands(commands));
    runAll(commands);
    checkPlans(base);
    assertTrue(script.contains("head -n 1 plan.md") && script.contains("startswith($m)")
        && script.contains("-X PUT") && script.contains("-X POST"), script);

    breakHead();
    assertEquals(ExitCode.INVALID, run(commands.get(0)), "invalid input fails the job");
    assertEquals(ExitCode.INVALID, run(commands.get(1)));
  }

  private void checkPlans(String baseLabel) throws IOException {
    String md = Files.readString(clone.resolve("plan.md"));
    assertTrue(md.startsWith("<!-- roster-plan:agents -->\n### Roster plan for agents (base "
        + baseLabel + "@sha1:" + base + " → head "), md);
    assertTrue(md.contains("#### Agents affected"), md);
    assertTrue(md.contains("Agent/coding-agents/team-agent (via"
        + " AgentTemplate/coding-agents/devbox)"), md);
    assertTrue(md.contains("+  agentImage: ghcr.io/kubeopencode/kubeopencode-agent-opencode:v0.9.3"),
        md);
    JsonNode plan = JsonMapper.builder().build().readTree(
        Files.readString(clone.resolve("plan.json")));
    assertEquals(1, plan.get("summary").get("update").asInt(), plan::toString);
    for (JsonNode c : plan.get("changes")) {
      if ("update".equals(c.get("action").asString())) {
        assertEquals("devbox", c.get("name").asString());
        assertEquals("restart", c.get("rollout").get("marker").asString());
      }
    }
  }

  /** Commits a head whose AgentTemplate lost a required field. */
  private void breakHead() throws Exception {
    try (Git git = Git.open(clone.toFile())) {
      edit(clone.resolve("kubeopencode/agenttemplate.yaml"), "  workspaceDir:", "  workspaceDirectory:");
      commit(git, "typo");
    }
  }

  private void runAll(List<Command> commands) throws IOException {
    for (Command c : commands) {
      assertEquals(0, run(c), c::toString);
    }
  }

  /** Runs {@code c} in the clone ({@code .} is its directory); stdout to its file, if any. */
  private int run(Command c) throws IOException {
    List<String> args = c.args().stream().skip(1)
        .map(a -> a.equals(".") ? clone.toString() : a).toList();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    if (c.stdoutFile() != null) {
      Files.writeString(clone.resolve(c.stdoutFile()), out.toString());
    }
    if (code != 0 && code != ExitCode.INVALID) {
      throw new AssertionError(c + " exited " + code + ": " + out + err);
    }
    return code;
  }

  static List<String> subcommands(List<Command> commands) {
    return commands.stream().map(c -> c.args().get(1)).toList();
  }

  /** The roster commands of a shell script, continuation lines joined. */
  static List<Command> commands(String script, Map<String, String> env) {
    List<Command> out = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").lines().map(String::strip).toList()) {
      if (line.startsWith("roster ")) {
        out.add(words(line, env));
      }
    }
    return out;
  }

  /** Shell words of one command: quotes removed, {@code $VAR}/{@code ${VAR}} expanded. */
  static Command words(String line, Map<String, String> env) {
    List<String> words = new ArrayList<>();
    String redirect = null;
    StringBuilder w = null;
    boolean toFile = false;
    char quote = 0;
    for (int i = 0; i <= line.length(); i++) {
      char ch = i < line.length() ? line.charAt(i) : ' ';
      if (quote == 0 && (ch == ' ' || ch == '\t')) {
        if (w != null) {
          if (toFile) {
            redirect = w.toString();
            toFile = false;
          } else {
            words.add(w.toString());
          }
          w = null;
        }
        continue;
      }
      if (quote == 0 && ch == '>') {
        toFile = true;
        continue;
      }
      w = w == null ? new StringBuilder() : w;
      if (ch == quote) {
        quote = 0;
      } else if (quote == 0 && (ch == '"' || ch == '\'')) {
        quote = ch;
      } else if (ch == '$' && quote != '\'') {
        int end;
        String name;
        if (line.charAt(i + 1) == '{') {
          end = line.indexOf('}', i);
          name = line.substring(i + 2, end);
        } else {
          end = i + 1;
          while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end))
              || line.charAt(end) == '_')) {
            end++;
          }
          name = line.substring(i + 1, end);
          end--;
        }
        String value = env.get(name);
        assertNotNull(value, "the test does not know $" + name + " in: " + line);
        w.append(value);
        i = end;
      } else {
        w.append(ch);
      }
    }
    return new Command(List.copyOf(words), redirect);
  }

  static Map<String, String> env(Object vars) {
    Map<String, String> out = new HashMap<>();
    map(vars).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  static Map<String, Object> yaml(Path file) throws IOException {
    return new Yaml().load(Files.readString(file));
  }

  static String commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com").call().name();
  }

  static void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file);
    assertTrue(s.contains(from), file + " lost " + from);
    Files.writeString(file, s.replace(from, to));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
