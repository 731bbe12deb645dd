package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roster validate} on the platforms' own examples, through {@link Main#run}: the seed
 * examples that name only platform-provided objects pass once roster.yaml lists them, and the four
 * platform violations (and a {@code config:} string) are FILE:LINE:COL errors that say what the
 * platform does. See {@code SeedExamplesTest} for each file on its own.
 */
class SeedViolationsCliTest {
  @TempDir Path repo;

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  void copy(String group) throws Exception {
    Path dir = Path.of(getClass().getResource("/seeds/" + group).toURI());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".yaml")).toList()) {
        Files.copy(p, repo.resolve(group + "-" + p.getFileName()));
      }
    }
  }

  void rosterYaml(String... refs) throws Exception {
    Files.writeString(repo.resolve("roster.yaml"), "apiVersion: roster.dev/v1alpha1\n"
        + "kind: RepoConfig\nexternalRefs:\n" + String.join("", Stream.of(refs)
            .map(r -> "  - " + r + "\n").toList()));
  }

  @Test
  void providedOnlyExamplesPassOnceRosterYamlListsThem() throws Exception {
    copy("provided");
    String[] without = run("validate", repo.toString());
    assertEquals("3", without[0], without[1] + without[2]);
    assertTrue((without[1] + without[2]).contains("ServiceAccount \"kubeopencode-agent\""),
        without[1] + without[2]);
    rosterYaml("ServiceAccount/kubeopencode-agent");
    String[] with = run("validate", repo.toString());
    assertEquals("0", with[0], with[1] + with[2]);
  }

  @Test
  void platformViolationsAreLocatedErrors() throws Exception {
    copy("violations");
    Files.copy(Path.of(getClass().getResource("/seeds/other/kubeopencode-config-string.yaml")
        .toURI()), repo.resolve("other-config-string.yaml"));
    rosterYaml("ServiceAccount/kubeopencode-agent", "ConfigMap/quarterly-data",
        "ConfigMap/data-analysis-skill");
    String[] r = run("validate", repo.toString());
    assertEquals("3", r[0], r[1] + r[2]);
    List<String> lines = (r[1] + r[2]).lines().toList();
    for (String expected : List.of(
        "violations-kubeopencode-agent-no-template.yaml:7:1: ",
        "violations-kubeopencode-rollout-secret.yaml:13:7: ",
        "violations-kagents-team-no-mode.yaml:8:1: ",
        "violations-kagents-approval-unknown-teammate.yaml:10:5: ",
        "violations-kagents-approval-unknown-teammate.yaml:42:9: ",
        "other-config-string.yaml:12:3: ")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(expected)),
          "no error at " + expected + " in:\n" + r[1] + r[2]);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("an Agent without templateRef needs both"
        + " workspaceDir and serviceAccountName")), r[1]);
    assertTrue(lines.stream().anyMatch(l -> l.contains("sync policy Rollout cannot use a"
        + " secretRef")), r[1]);
    assertTrue(lines.stream().anyMatch(l -> l.contains("names no teammate \"email-writer\"")),
        r[1]);
    assertTrue(lines.stream().anyMatch(l -> l.contains("config is a mapping, not a string")),
        r[1]);
  }
}
