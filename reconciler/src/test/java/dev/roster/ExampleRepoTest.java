package dev.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.cli.Main;
import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.load.ManifestLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped example config repo must stay valid and keep covering every platform's main kinds. */
class ExampleRepoTest {
  private static final List<String> REQUIRED_KINDS = List.of(
      "Agent", "AgentTemplate", "Task", "CronTask", "KomputerAgent", "KomputerSquad", "AgentTeam",
      "AgentTeamTemplate", "AgentTeamRun", "ConfigMap", "Namespace");

  private static Path exampleRepo() {
    String root = System.getProperty("roster.repoRoot");
    assertTrue(root != null && !root.isBlank(),
        "system property roster.repoRoot is not set (surefire sets it in reconciler/pom.xml)");
    Path repo = Path.of(root).resolve("example-repo").normalize();
    assertTrue(Files.isDirectory(repo), "missing directory " + repo);
    return repo;
  }

  @Test
  void validatesClean() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, "validate", exampleRepo().toString());
    }
    String stdout = out.toString();
    assertEquals(0, code, "roster validate example-repo failed:\n" + stdout + err);
    List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
    assertTrue(!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("ok: "),
        "stdout must end with an \"ok: \" line, got:\n" + stdout);
  }

  @Test
  void coversEveryMainKind() {
    LoadResult loaded = new ManifestLoader(LoadOptions.defaults()).load(exampleRepo());
    assertTrue(loaded.complete(), "example-repo did not load cleanly: " + loaded.problems());
    Set<String> kinds = loaded.manifests().stream()
        .map(Manifest::kind)
        .collect(Collectors.toCollection(TreeSet::new));
    for (String kind : REQUIRED_KINDS) {
      assertTrue(kinds.contains(kind), "example-repo has no " + kind + "; kinds present: " + kinds);
    }
  }
}
