package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.roster.load.LoadOptions;
import dev.roster.load.Manifest;
import dev.roster.load.ManifestLoader;
import dev.roster.load.Problem;
import dev.roster.load.YamlParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every schema fixture under {@code fixtures/schema/<group>/<version>/<Kind>/}: {@code
 * valid-*.yaml} must produce no schema error, {@code invalid-*.yaml} exactly the errors its
 * {@code # expect: <pointer> <message substring>} lines announce.
 */
class SchemaFixturesTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final ManifestLoader LOADER = new ManifestLoader(LoadOptions.defaults());

  static Path root() throws URISyntaxException {
    return Path.of(SchemaFixturesTest.class.getResource("/fixtures/schema").toURI());
  }

  @TestFactory
  Stream<DynamicTest> fixtures() throws Exception {
    Path root = root();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(
        root.relativize(f).toString(), () -> check(f)));
  }

  @Test
  void everyKindHasValidAndInvalidFixtures() throws Exception {
    Path root = root();
    List<String> missing = new ArrayList<>();
    for (KindId k : CATALOG.kinds()) {
      Path dir = root.resolve(k.group().isEmpty() ? "core" : k.group())
          .resolve(k.version()).resolve(k.kind());
      for (String prefix : List.of("valid-", "invalid-")) {
        boolean has = Files.isDirectory(dir) && hasPrefix(dir, prefix);
        if (!has) {
          missing.add(k.apiVersionKind() + " has no " + prefix + "*.yaml");
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  private static boolean hasPrefix(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
    }
  }

  private static void check(Path file) throws IOException {
    String name = file.getFileName().toString();
    byte[] bytes = Files.readAllBytes(file);
    YamlParser.Parsed parsed = LOADER.parseBytes(name, bytes);
    assertEquals(List.of(), parsed.problems(), "fixture does not parse");
    assertEquals(1, parsed.manifests().size(), "a fixture holds exactly one object");
    Manifest m = parsed.manifests().get(0);
    KindId id = new KindId(m.group(), m.version(), m.kind());
    var schema = CATALOG.schema(id);
    assertTrue(schema.isPresent(), "no schema for " + id.apiVersionKind());
    List<Problem> problems = new SchemaValidator(CATALOG).validate(m, schema.get());
    String got = problems.stream().map(Problem::format).collect(Collectors.joining("\n"));
    if (name.startsWith("valid-")) {
      assertEquals("", got, "valid fixture has schema errors");
      return;
    }
    List<String[]> expects = new String(bytes).lines()
        .filter(l -> l.startsWith("# expect:"))
        .map(l -> l.substring("# expect:".length()).trim().split("\\s+", 2))
        .toList();
    assertFalse(expects.isEmpty(), "invalid fixture has no '# expect:' line");
    for (String[] e : expects) {
      String pointer = "/".equals(e[0]) ? "" : e[0];
      String text = e.length > 1 ? e[1] : "";
      boolean met = problems.stream()
          .anyMatch(p -> p.pointer().equals(pointer) && p.message().contains(text));
      if (!met) {
        fail("expected an error at '" + e[0] + "' containing '" + text + "'; got:\n" + got);
      }
    }
    for (Problem p : problems) {
      boolean expected = expects.stream()
          .anyMatch(e -> ("/".equals(e[0]) ? "" : e[0]).equals(p.pointer()));
      if (!expected) {
        fail("unexpected error: " + p.format() + "\nall errors:\n" + got);
      }
    }
  }
}
