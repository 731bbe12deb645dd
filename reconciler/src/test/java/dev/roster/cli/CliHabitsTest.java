package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/** What daily users of kubectl, flux and argocd expect of a CLI. */
class CliHabitsTest {
  record Run(int code, String out, String err) {}

  static Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void anUnknownOptionIsNamedWithTheNearestOnes() {
    Run missingRepo = roster("plan", "--rep", "x");
    assertEquals(2, missingRepo.code());
    assertEquals(List.of("roster: unknown option '--rep'; did you mean '--repo'?",
        "See 'roster plan --help' for its options."), missingRepo.err().lines().toList());

    Run typo = roster("validate", "--ouput", "json", "example-repo");
    assertEquals(2, typo.code());
    assertEquals("roster: unknown option '--ouput'; did you mean '--output'?",
        typo.err().lines().findFirst().orElseThrow(), "the directory is not an option");
    assertTrue(roster("apply", "--repo", "r", "--sorce-name", "x").err()
        .startsWith("roster: unknown option '--sorce-name'; did you mean '--source-name'?"));
    Run nothingClose = roster("status", "--zzzzzzzz");
    assertEquals("roster: unknown option '--zzzzzzzz'", nothingClose.err().lines().findFirst()
        .orElseThrow());
  }

  @Test
  void aBadValueIsOneLineAndWhereToLookNotTheWholeHelp() {
    Run bad = roster("plan", "--repo", "x", "--max-bytes", "ten");
    assertEquals(2, bad.code());
    List<String> lines = bad.err().lines().toList();
    assertEquals(2, lines.size(), bad.err());
    assertTrue(lines.get(0).startsWith("roster: Invalid value for option '--max-bytes'"),
        bad.err());
    assertEquals("See 'roster plan --help' for its options.", lines.get(1));

    Run kinds = roster("kinds", "--max-file-size", "1Ki");
    assertEquals(2, kinds.code(), "kinds reads no repo: it offers no load flags");
    assertTrue(kinds.err().startsWith("roster: unknown option '--max-file-size'"), kinds.err());

    Run missing = roster("plan");
    assertEquals(2, missing.code());
    assertEquals(List.of("roster: Missing required option: '--repo=URL|DIR'",
        "See 'roster plan --help' for its options."), missing.err().lines().toList());
  }

  @Test
  void otherUsageErrorsKeepTheirMessages() {
    Run r = roster("validate", "--max-file-size", "abc", ".");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("roster: Invalid value for option '--max-file-size'"), r.err());
    assertTrue(roster("validate", "-ojson", "--max-file-size", "1Ki", "nope").err()
        .startsWith("roster: source RootNotFound"), "a short option with its value is known");
  }

  @Test
  void noKubeconfigAnywhereIsAUsageErrorNamingWhereRosterLooked(@TempDir Path dir) {
    Assumptions.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null
        && System.getenv("KUBERNETES_MASTER") == null, "running inside a cluster");
    String before = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", dir.resolve("absent").toString());
    try {
      Run r = roster("plan", "--repo", dir.toString(), "--source-name", "x");
      assertEquals(2, r.code(), r.toString());
      assertEquals("roster: cluster KubeconfigInvalid: no kubeconfig: --kubeconfig not given,"
          + " -Dkubeconfig names no existing file ('" + dir.resolve("absent") + "'), and not"
          + " inside a cluster ($KUBERNETES_SERVICE_HOST not set); pass --kubeconfig FILE, or"
          + " --embedded-cluster to try Roster on an in-process API server", r.err().strip());
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }
  }

  @Test
  void everyCommandListsItsExitCodes() {
    for (String cmd : List.of("validate", "plan", "apply", "approve", "status", "dev-cluster",
        "serve", "kinds")) {
      Run r = roster(cmd, "--help");
      assertEquals(0, r.code(), cmd);
      assertTrue(r.out().contains("Exit codes:"), cmd + ": " + r.out());
      assertTrue(r.out().contains("  0   "), cmd + ": " + r.out());
    }
    assertTrue(roster("dev-cluster", "--help").out().contains("0   stopped"));
  }

  @Test
  void sigtermStopsTheDevClusterWithExitZero(@TempDir Path dir) throws Exception {
    Shutdown.armed = new CountDownLatch(1);
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread t = new Thread(() -> code.complete(Main.run(new PrintWriter(out),
        new PrintWriter(new StringWriter()), "dev-cluster", "--write-kubeconfig",
        dir.resolve("k").toString())));
    t.setDaemon(true);
    t.start();
    assertTrue(Shutdown.armed.await(120, TimeUnit.SECONDS), "dev-cluster never waited");
    Assumptions.assumeTrue(Shutdown.handlesSignals, "this JVM keeps SIGTERM (-Xrs)");
    Signal.raise(new Signal("TERM"));
    assertEquals(ExitCode.OK, code.get(60, TimeUnit.SECONDS));
    assertTrue(out.toString().endsWith("roster dev-cluster stopped\n"), out.toString());
  }

  @Test
  void libraryLinesOnStderrReachTheTerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = RedactingWriter.stream(new PrintStream(bytes, true,
        StandardCharsets.UTF_8));
    stream.println("WARN fetching https://user:s3cr3t@host/repo.git");
    assertEquals("WARN fetching https://host/repo.git\n",
        bytes.toString(StandardCharsets.UTF_8), "a line is redacted and written at once");
  }

  @Test
  void yamlWhereverThereIsJson() {
    String repo = ReadmeWalkthroughTest.ROOT.resolve("example-repo").toString();
    Run json = roster("validate", "-o", "json", repo);
    Run yaml = roster("validate", "-o", "yaml", repo);
    assertEquals(0, yaml.code(), yaml.err());
    assertEquals(tree(json.out()), new org.yaml.snakeyaml.Yaml().load(yaml.out()));
    assertTrue(yaml.out().startsWith("valid: true\n"), yaml.out());

    Run plan = roster("plan", "--embedded-cluster", "--repo", repo, "-o", "yaml");
    assertEquals(0, plan.code(), plan.err());
    Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(plan.out());
    assertEquals(31, ((Map<?, ?>) doc.get("summary")).get("create"), plan.out());
  }

  @Test
  void applyPrintsACreateAsOneLineUnlessAskedForBodies() {
    String repo = ReadmeWalkthroughTest.ROOT.resolve("example-repo").toString();
    Run plain = roster("apply", "--embedded-cluster", "--repo", repo);
    assertEquals(0, plain.code(), plain.err());
    List<String> lines = plain.out().lines().toList();
    assertEquals(31, lines.stream().filter(l -> l.startsWith("+ create ")).count(), plain.out());
    assertEquals(33, lines.size(), "31 creates, the plan's and the apply's summary: " + plain.out());
    assertEquals(5, lines.stream().filter(l -> l.endsWith(" [new-run]")).count(),
        "a one-line create keeps its rollout impact: " + plain.out());

    Run bodies = roster("apply", "--embedded-cluster", "--repo", repo, "--show-bodies");
    assertEquals(0, bodies.code(), bodies.err());
    assertTrue(bodies.out().contains("\n    +kind: Namespace\n"), bodies.out());
    assertTrue(bodies.out().contains("\n    rollout: new-run\n"), bodies.out());
    Run plan = roster("plan", "--embedded-cluster", "--repo", repo);
    assertEquals(plan.out(), bodies.out().replaceAll("(?m)^Apply: .*\\R", ""),
        "--show-bodies shows what plan shows");

    Run json = roster("apply", "--embedded-cluster", "--repo", repo, "-o", "json");
    assertEquals(0, json.code(), json.err());
    Map<?, ?> doc = (Map<?, ?>) tree(json.out());
    List<?> changes = (List<?>) doc.get("changes");
    assertEquals(31, changes.size(), json.out());
    assertTrue(changes.stream().allMatch(c -> ((Map<?, ?>) c).get("object") instanceof Map<?, ?> o
        && o.get("metadata") != null), "-o json carries every created object: " + json.out());
  }

  @Test
  void yamlQuotesWhatWouldReadAsAnotherType() {
    String y = Yamls.fromJson("{\"a\":\"true\",\"b\":\"1.10\",\"c\":\"0777\",\"d\":[1,\"x\"]}");
    assertEquals(Map.of("a", "true", "b", "1.10", "c", "0777", "d", List.of(1, "x")),
        new org.yaml.snakeyaml.Yaml().load(y), y);
  }

  private static Object tree(String json) {
    return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Object.class);
  }
}
