package dev.roster.validate;

import static dev.roster.validate.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names inside one object that refer to each other: unknown names, self-edges and cycles. */
class GraphCheckerTest {
  @TempDir Path dir;
  @TempDir Path schemas;
  TestRepo repo;
  SchemaCatalog catalog;

  @BeforeEach
  void setUp() {
    repo = new TestRepo(dir);
    catalog = TestRepo.exampleCatalog(schemas);
  }

  /** An Agent (header on lines 1-6) whose spec is the given lines, indented by two. */
  private List<String> validate(String... spec) {
    List<String> all = new ArrayList<>(List.of("apiVersion: example.dev/v1", "kind: Agent",
        "metadata:", "  name: team", "  namespace: ns", "spec:"));
    for (String s : spec) {
      all.add("  " + s);
    }
    repo.file("team.yaml", all.toArray(String[]::new));
    return lines(repo.validate(catalog, false));
  }

  @Test
  void acceptsADiamond() {
    assertEquals(List.of(), validate("teammates:",
        "  - {name: a}",
        "  - {name: b, dependsOn: [a]}",
        "  - {name: c, dependsOn: [a]}",
        "  - {name: d, dependsOn: [b, c], inputs: [{from: a}]}"));
  }

  @Test
  void reportsADependencyOnAnUnknownName() {
    assertEquals(List.of("team.yaml:9:32: Agent/team: /spec/teammates/1/dependsOn/1: \"ghost\""
        + " names no teammate (known: a, b)"), validate("teammates:",
        "  - {name: a}",
        "  - {name: b, dependsOn: [a, ghost]}"));
  }

  @Test
  void followsEveryEdgePattern() {
    assertEquals(List.of("team.yaml:11:10: Agent/team: /spec/teammates/1/inputs/1/from: \"nobody\""
        + " names no teammate (known: a, b)"), validate("teammates:",
        "  - name: a",
        "  - name: b",
        "    inputs: [{from: a},",
        "      {from: nobody}]"));
  }

  @Test
  void reportsASelfDependencyButNoCycle() {
    assertEquals(List.of("team.yaml:9:29: Agent/team: /spec/teammates/1/dependsOn/0: teammate"
        + " \"b\" depends on itself"), validate("teammates:",
        "  - {name: a}",
        "  - {name: b, dependsOn: [b, a]}"));
  }

  @Test
  void reportsAThreeCycleOnceWithItsPath() {
    assertEquals(List.of("team.yaml:9:7: Agent/team: /spec/teammates/1: dependency cycle among"
        + " teammates: b -> c -> d -> b"), validate("teammates:",
        "  - {name: a}",
        "  - {name: b, dependsOn: [c, a]}",
        "  - {name: c, dependsOn: [d]}",
        "  - {name: d, dependsOn: [b]}"));
  }

  @Test
  void reportsATwoCycleThroughInputs() {
    assertEquals(List.of("team.yaml:8:7: Agent/team: /spec/teammates/0: dependency cycle among"
        + " teammates: a -> b -> a"), validate("teammates:",
        "  - {name: a, inputs: [{from: b}]}",
        "  - {name: b, dependsOn: [a]}"));
  }

  @Test
  void reportsEveryIndependentCycle() {
    assertEquals(List.of(
        "team.yaml:8:7: Agent/team: /spec/teammates/0: dependency cycle among teammates:"
            + " a -> b -> a",
        "team.yaml:10:7: Agent/team: /spec/teammates/2: dependency cycle among teammates:"
            + " c -> d -> c"),
        validate("teammates:",
            "  - {name: a, dependsOn: [b]}",
            "  - {name: b, dependsOn: [a]}",
            "  - {name: c, dependsOn: [d]}",
            "  - {name: d, dependsOn: [c]}"));
  }

  @Test
  void findsACycleBehindANodeAlreadyExplored() {
    // s reaches the a-b cycle first; the s-t cycle must still be found
    assertEquals(List.of(
        "team.yaml:8:7: Agent/team: /spec/teammates/0: dependency cycle among teammates:"
            + " a -> b -> a",
        "team.yaml:10:7: Agent/team: /spec/teammates/2: dependency cycle among teammates:"
            + " s -> t -> s"),
        validate("teammates:",
            "  - {name: a, dependsOn: [b]}",
            "  - {name: b, dependsOn: [a]}",
            "  - {name: s, dependsOn: [a, t]}",
            "  - {name: t, dependsOn: [s]}"));
  }

  @Test
  void allowsCyclesInAGraphThatIsNotAcyclic() {
    assertEquals(List.of("team.yaml:10:17: Agent/team: /spec/steps/2/next: \"end\" names no"
        + " step (known: a, b, c)"), validate("steps:",
        "  - {name: a, next: b}",
        "  - {name: b, next: a}",
        "  - {name: c, next: end}"));
  }

  @Test
  void skipsNodesWithoutAName() {
    assertEquals(List.of(), validate("teammates:",
        "  - {dependsOn: [x]}",
        "  - {name: 7, dependsOn: [y]}",
        "  - {name: a}"));
  }
}
