package dev.roster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The written rules of the code base, enforced: every failure message starts with the rule's name
 * in brackets ({@code [stage-order]}, {@code [failure-imports-nothing]}, {@code
 * [devcluster-only-from-cli-bench]}, {@code [known-packages]}, {@code [max-400-lines]}, {@code
 * [package-info]}) and CONTRIBUTING.md ("Rules the build enforces") says what each means.
 *
 * <p>Dependencies are read from the compiled main classes (ArchUnit), so a reference in a Javadoc
 * or a string is not an import; file length and package-info from the main source tree. The
 * {@code *_catches_*} tests run each rule on a known violation so that a rule that can never fail
 * fails here.
 */
class ArchitectureTest {
  /** The pipeline, earliest first: a stage may import the ones before it, never one after it. */
  static final List<String> STAGES = List.of("source", "load", "validate", "plan", "kube", "apply",
      "status", "engine", "serve", "bench", "cli");
  static final int MAX_LINES = 400;
  private static final Path MAIN = Path.of("src", "main", "java");

  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    // the main output directory only: scanning the class path for dev.roster would open every jar
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of("target", "classes"));
    assertTrue(main.size() > 100, "main classes found: " + main.size());
  }

  /** One rule per stage: its classes depend on no class of a later stage. */
  static List<ArchRule> stageOrder() {
    List<ArchRule> rules = new ArrayList<>();
    for (int i = 0; i < STAGES.size() - 1; i++) {
      String stage = STAGES.get(i);
      String[] later = STAGES.subList(i + 1, STAGES.size()).stream()
          .map(s -> "dev.roster." + s + "..").toArray(String[]::new);
      rules.add(noClasses().that().resideInAPackage("dev.roster." + stage + "..")
          .should().dependOnClassesThat().resideInAnyPackage(later)
          .as("[stage-order] " + stage + " imports no later stage (" + String.join(" < ", STAGES)
              + ")"));
    }
    return rules;
  }

  static ArchRule failureImportsNothing() {
    return noClasses().that().resideInAPackage("dev.roster.failure..")
        .should().dependOnClassesThat().resideInAnyPackage(STAGES.stream()
            .map(s -> "dev.roster." + s + "..").toArray(String[]::new))
        .orShould().dependOnClassesThat().resideInAPackage("dev.roster.devcluster..")
        .as("[failure-imports-nothing] dev.roster.failure imports no other Roster package");
  }

  static ArchRule devclusterOnlyFromCliAndBench() {
    return classes().that().resideInAPackage("dev.roster.devcluster..")
        .should().onlyHaveDependentClassesThat().resideInAnyPackage("dev.roster.devcluster..",
            "dev.roster.cli..", "dev.roster.bench..")
        .as("[devcluster-only-from-cli-bench] the embedded API server is used by cli, bench and "
            + "tests only");
  }

  static ArchRule knownPackages() {
    List<String> all = new ArrayList<>();
    STAGES.forEach(s -> all.add("dev.roster." + s + ".."));
    all.add("dev.roster.failure..");
    all.add("dev.roster.devcluster..");
    return classes().that().resideInAPackage("dev.roster..")
        .should().resideInAnyPackage(all.toArray(String[]::new))
        .as("[known-packages] every class lives in a stage, failure or devcluster");
  }

  @Test
  void stages_import_no_later_stage() {
    stageOrder().forEach(r -> r.check(main));
  }

  @Test
  void failure_imports_nothing_of_roster() {
    failureImportsNothing().check(main);
  }

  @Test
  void devcluster_is_used_by_cli_and_bench_only() {
    devclusterOnlyFromCliAndBench().check(main);
  }

  @Test
  void every_class_is_in_a_known_package() {
    knownPackages().check(main);
  }

  @Test
  void main_files_stay_under_400_lines() {
    List<String> longFiles = overLong(MAIN);
    assertTrue(longFiles.isEmpty(), "[max-400-lines] main source files over " + MAX_LINES
        + " lines: " + longFiles);
  }

  @Test
  void every_package_has_a_package_info() {
    List<String> missing = withoutPackageInfo(MAIN);
    assertTrue(missing.isEmpty(), "[package-info] packages without package-info.java: " + missing);
  }

  @Test
  void stage_order_catches_an_earlier_stage_importing_a_later_one() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        dev.roster.plan.ArchitectureFixture.class, dev.roster.apply.ApplyOptions.class);
    AssertionError e = assertThrows(AssertionError.class,
        () -> stageOrder().get(STAGES.indexOf("plan")).check(fixture));
    assertTrue(e.getMessage().contains("[stage-order] plan imports no later stage"),
        e.getMessage());
  }

  @Test
  void devcluster_rule_catches_a_stage_using_the_embedded_server() {
    JavaClasses fixture = new ClassFileImporter().importClasses(
        dev.roster.plan.ArchitectureFixture.class,
        dev.roster.devcluster.EmbeddedCluster.class);
    AssertionError e = assertThrows(AssertionError.class,
        () -> devclusterOnlyFromCliAndBench().check(fixture));
    assertTrue(e.getMessage().contains("[devcluster-only-from-cli-bench]"), e.getMessage());
  }

  @Test
  void file_rules_catch_a_long_file_and_a_bare_package(@TempDir Path root) throws IOException {
    Path pkg = Files.createDirectories(root.resolve("dev/roster/x"));
    Files.writeString(pkg.resolve("Long.java"), "//\n".repeat(MAX_LINES + 1));
    Files.writeString(pkg.resolve("Short.java"), "//\n".repeat(MAX_LINES));
    assertEquals(List.of("dev/roster/x/Long.java (401)"), overLong(root));
    assertEquals(List.of("dev/roster/x"), withoutPackageInfo(root));
    Files.writeString(pkg.resolve("package-info.java"), "package dev.roster.x;\n");
    assertEquals(List.of(), withoutPackageInfo(root));
  }

  /** Files under {@code root} longer than {@link #MAX_LINES}, as "path (lines)". */
  static List<String> overLong(Path root) {
    return javaFiles(root).filter(f -> lines(f) > MAX_LINES)
        .map(f -> slashes(root.relativize(f)) + " (" + lines(f) + ")").sorted().toList();
  }

  /** Directories under {@code root} that hold .java files but no package-info.java. */
  static List<String> withoutPackageInfo(Path root) {
    return javaFiles(root).map(Path::getParent).distinct()
        .filter(d -> !Files.exists(d.resolve("package-info.java")))
        .map(d -> slashes(root.relativize(d))).sorted().toList();
  }

  private static Stream<Path> javaFiles(Path root) {
    assertTrue(Files.isDirectory(root), "no source tree at " + root.toAbsolutePath());
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path f) {
    try (Stream<String> s = Files.lines(f)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slashes(Path p) {
    return String.join("/", Arrays.stream(p.toString().split("[/\\\\]")).toList());
  }
}
