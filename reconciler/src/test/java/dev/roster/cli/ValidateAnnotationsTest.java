package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code roster validate -o github|sarif}: problems placed on their file and line, with paths
 * relative to the Git work tree (a config repo under {@code config/} in a checked-out repo).
 */
class ValidateAnnotationsTest {
  @TempDir Path tmp;
  Path config;

  @BeforeEach
  void repo() throws Exception {
    Git.init().setDirectory(tmp.toFile()).call().close();
    config = tmp.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("namespace.yaml"), PullRequestPlanTest.NAMESPACE);
    Files.writeString(config.resolve("template.yaml"), PullRequestPlanTest.TEMPLATE
        .formatted("v1").replace("  serviceAccountName: agent\n", ""));
  }

  @Test
  void githubAnnotatesTheOffendingLine() {
    PullRequestPlanTest.Run r = PullRequestPlanTest.roster("validate", config.toString(),
        "-o", "github");
    assertEquals(ExitCode.INVALID, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("::error file=config/template.yaml,line=6,col=1,title=roster validate::"
        + "AgentTemplate/devbox: /spec: missing required field \"serviceAccountName\"",
        lines.get(0), r.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("invalid: 1 error"), r.out());
  }

  @Test
  void sarifIsOneRunWithAResultPerProblem() {
    PullRequestPlanTest.Run r = PullRequestPlanTest.roster("validate", config.toString(),
        "-o", "sarif");
    assertEquals(ExitCode.INVALID, r.code(), r::toString);
    JsonNode log = JsonMapper.builder().build().readTree(r.out());
    assertEquals("2.1.0", log.get("version").asString());
    JsonNode run = log.get("runs").get(0);
    assertEquals("roster", run.get("tool").get("driver").get("name").asString());
    assertEquals(ProblemAnnotations.RULE,
        run.get("tool").get("driver").get("rules").get(0).get("id").asString());
    JsonNode result = run.get("results").get(0);
    assertEquals(1, run.get("results").size(), r.out());
    assertEquals("error", result.get("level").asString());
    assertEquals(ProblemAnnotations.RULE, result.get("ruleId").asString());
    JsonNode at = result.get("locations").get(0).get("physicalLocation");
    assertEquals("config/template.yaml", at.get("artifactLocation").get("uri").asString());
    assertEquals("%SRCROOT%", at.get("artifactLocation").get("uriBaseId").asString());
    assertEquals(6, at.get("region").get("startLine").asInt());
    assertTrue(result.get("message").get("text").asString().contains("serviceAccountName"));
  }

  @Test
  void aValidRepoHasNoAnnotationsAndExitsZero() throws Exception {
    Files.writeString(config.resolve("template.yaml"), PullRequestPlanTest.TEMPLATE
        .formatted("v1"));
    Files.writeString(config.resolve("namespace.yaml"), PullRequestPlanTest.NAMESPACE);
    PullRequestPlanTest.Run gh = PullRequestPlanTest.roster("validate", config.toString(),
        "-o", "github");
    assertEquals(0, gh.code(), gh::toString);
    assertTrue(gh.out().startsWith("ok: "), gh.out());
    PullRequestPlanTest.Run sarif = PullRequestPlanTest.roster("validate", config.toString(),
        "-o", "sarif");
    assertEquals(0, sarif.code(), sarif::toString);
    assertEquals(0, JsonMapper.builder().build().readTree(sarif.out()).get("runs").get(0)
        .get("results").size());
  }

  @Test
  void escapesWhatWorkflowCommandsReserve() {
    assertEquals("a%25b%0Ac", ProblemAnnotations.data("a%b\nc"));
    assertEquals("x%3Ay%2Cz", ProblemAnnotations.property("x:y,z"));
  }
}
