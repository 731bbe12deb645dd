package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platforms' own examples (curated under {@code seeds/}, see its README): those that name
 * only platform- or cluster-provided objects validate once roster.yaml lists them, and the four
 * platform violations are rejected with located errors that say what the platform does.
 */
class SeedExamplesTest {
  private static final String SA_ONLY = "apiVersion: roster.dev/v1alpha1\nkind: RepoConfig\n"
      + "externalRefs:\n  - ServiceAccount/kubeopencode-agent\n";

  @TempDir Path tmp;

  private static List<Path> files(String group) throws IOException, URISyntaxException {
    Path dir = Path.of(SeedExamplesTest.class.getResource("/seeds/" + group).toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Problems of {@code example} validated as a repo of its own, with roster.yaml if not null. */
  private List<Problem> validate(Path example, String rosterYaml) throws IOException {
    Path repo = Files.createTempDirectory(tmp, "repo");
    Files.copy(example, repo.resolve(example.getFileName()));
    if (rosterYaml != null) {
      Files.writeString(repo.resolve("roster.yaml"), rosterYaml);
    }
    return new TestRepo(repo).validate().problems();
  }

  private static String text(List<Problem> problems) {
    return problems.stream().map(Problem::format).collect(Collectors.joining("\n"));
  }

  @TestFactory
  Stream<DynamicTest> providedOnlyExamplesPassWithRosterYaml() throws Exception {
    return files("provided").stream().map(f -> DynamicTest.dynamicTest(
        f.getFileName().toString(), () -> {
          List<Problem> without = validate(f, null);
          for (Problem p : without) {
            assertTrue(p.message().startsWith("ServiceAccount \"kubeopencode-agent\" is not"
                + " defined in the repo") && p.message().contains("externalRefs in roster.yaml"),
                "fails for another reason than the platform's ServiceAccount:\n" + text(without));
          }
          List<Problem> with = validate(f, SA_ONLY);
          assertEquals("", text(with), "still fails with roster.yaml");
        }));
  }

  @TestFactory
  Stream<DynamicTest> otherExamplesFailAsStated() throws Exception {
    return files("other").stream().map(f -> DynamicTest.dynamicTest(
        f.getFileName().toString(), () -> expect(f, SA_ONLY)));
  }

  @TestFactory
  Stream<DynamicTest> platformViolationsAreLocatedErrors() throws Exception {
    return files("violations").stream().map(f -> DynamicTest.dynamicTest(
        f.getFileName().toString(),
        () -> expect(f, SA_ONLY + "  - ConfigMap/quarterly-data\n"
            + "  - ConfigMap/data-analysis-skill\n")));
  }

  /** The errors are exactly those the {@code # expect: LINE:COL POINTER TEXT} lines announce. */
  private void expect(Path f, String rosterYaml) throws IOException {
    List<String[]> expects = Files.readAllLines(f).stream()
        .filter(l -> l.startsWith("# expect:"))
        .map(l -> l.substring("# expect:".length()).trim().split("\\s+", 3))
        .toList();
    assertFalse(expects.isEmpty(), "no '# expect:' line");
    List<Problem> problems = validate(f, rosterYaml);
    assertEquals(expects.size(), problems.size(), text(problems));
    for (String[] e : expects) {
      assertTrue(problems.stream().anyMatch(p -> (p.line() + ":" + p.column()).equals(e[0])
          && p.pointer().equals(e[1]) && p.message().contains(e[2])),
          "no error " + String.join(" ", e) + "; got:\n" + text(problems));
    }
  }
}
