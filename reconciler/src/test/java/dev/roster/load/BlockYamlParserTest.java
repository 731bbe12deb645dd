package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockYamlParser} against {@link YamlParser}'s SnakeYAML path: whatever text the fast
 * path accepts yields the same manifests (values and their types, origins, every pointer's
 * line and column) and problems; everything else is left to SnakeYAML.
 */
class BlockYamlParserTest {
  private final YamlParser parser = new YamlParser(LoadOptions.defaults());

  /** Everything a parse yields, value classes and pointer locations included. */
  static String describe(YamlParser.Parsed p) {
    StringBuilder sb = new StringBuilder();
    for (Manifest m : p.manifests()) {
      sb.append(m.origin()).append(' ').append(tree(m.object())).append(' ')
          .append(m.index().dump()).append(";\n");
    }
    return sb.append(p.problems()).toString();
  }

  private static String tree(Object o) {
    if (o == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(o.getClass().getSimpleName());
    if (o instanceof Map<?, ?> m) {
      sb.append('{');
      m.forEach((k, v) -> sb.append(k).append('=').append(tree(v)).append(','));
      return sb.append('}').toString();
    }
    if (o instanceof List<?> l) {
      sb.append('[');
      l.forEach(v -> sb.append(tree(v)).append(','));
      return sb.append(']').toString();
    }
    return sb.append(':').append(o).toString();
  }

  /** Whether the fast path takes {@code text}; when it does, asserts it equals SnakeYAML's. */
  private boolean same(String name, String text) {
    boolean fast = BlockYamlParser.parse(text, LoadOptions.defaults()) != null;
    assertEquals(describe(parser.parseWithSnakeYaml(name, text)),
        describe(parser.parse(name, text)), () -> name + ":\n" + text);
    return fast;
  }

  @Test
  void randomTextsInAndAroundTheSubsetParseAsSnakeYamlDoes() {
    int fast = 0;
    for (long seed = 0; seed < 10_000; seed++) {
      fast += same("seed-" + seed, new YamlFuzz(seed).text()) ? 1 : 0;
    }
    assertTrue(fast > 1_000, "too few texts reached the fast path: " + fast);
  }

  @Test
  void everyManifestOfTheTestsAndTheExampleRepoParsesAsSnakeYamlDoes() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of("src/test/resources"),
        Path.of(System.getProperty("roster.repoRoot", ".."), "example-repo"))) {
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).forEach(files::add);
      }
    }
    int fast = 0;
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f);
      } catch (MalformedInputException e) {
        continue; // fixtures of invalid UTF-8: the loader's concern
      }
      fast += same(f.toString(), text) ? 1 : 0;
    }
    assertTrue(files.size() > 100 && fast > files.size() / 2, fast + " of " + files.size());
  }

  @Test
  void locatesEveryValueWhereSnakeYamlDoes() {
    String text = """
        # leading comment
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: x   # trailing
          labels: {}
        data:
          guide.md: |

            Keep it small.
              indented # not a comment
          strip: |-
            a
          list: [a, 1 , b]
          'quoted key': "v"
        items:
        - name: one
          ports:
            - 80
        - 'two'
        ---
        ---
        kind: Second
        """;
    YamlParser.Parsed p = parser.parse("f.yaml", text);
    assertTrue(same("f.yaml", text));
    assertEquals(2, p.manifests().size());
    Manifest first = p.manifests().get(0);
    assertEquals("\nKeep it small.\n  indented # not a comment\n",
        ((Map<?, ?>) first.object().get("data")).get("guide.md"));
    assertEquals(new Location(2, 1), first.index().locate(""));
    assertEquals(new Location(5, 3), first.index().locate("/metadata/name"));
    assertEquals(new Location(14, 13), first.index().locate("/data/list/1"));
    assertEquals(new Location(15, 3), first.index().locate("/data/quoted key"));
    assertEquals(new Location(19, 7), first.index().locate("/items/0/ports/0"));
    assertEquals(new Location(20, 3), first.index().locate("/items/1"));
    assertEquals(new Origin("f.yaml", 2, 23, 1), p.manifests().get(1).origin());
  }

  @Test
  void leavesProblemsAndConstructsOutsideTheSubsetToSnakeYaml() {
    for (String text : List.of(
        "a: 1\na: 2\n", // duplicate key: both places named
        "a: &x 1\nb: *x\n", // anchors and aliases
        "true: 1\n", // a key kubectl reads as a bool: warned about
        "base: &b {x: 1}\nc:\n  <<: *b\n", // merge key
        "- a\n", // a document that is not a mapping
        "a: b: c\n", // a syntax error
        "a: 'open\n", // a quoted scalar over two lines
        "a: x\n  y\n", // a plain scalar over two lines
        "a: \"esc\\n\"\n", // escapes
        "a:\tb\n", "a: 1\r\nb: 2\r\n", "a: |+\n  x\n\n", "a: >\n  x\n")) {
      assertNull(BlockYamlParser.parse(text, LoadOptions.defaults()), text);
      same("f.yaml", text);
    }
    YamlParser.Parsed dup = parser.parse("f.yaml", "kind: A\nname: x\nname: y\n");
    assertEquals(List.of("f.yaml:3:1: /name: duplicate key \"name\" (first at line 2)"),
        dup.problems().stream().map(Problem::format).toList());
  }

  @Test
  void aFileWithOneDocumentOutsideTheSubsetIsReadWhollyBySnakeYaml() {
    String text = "kind: A\nname: a\n---\nkind: B\nname: &n b\nalias: *n\n---\nkind: A\n"
        + "name: a\nname: c\n";
    assertNull(BlockYamlParser.parse(text, LoadOptions.defaults()));
    YamlParser.Parsed p = parser.parse("f.yaml", text);
    assertEquals(2, p.manifests().size());
    assertEquals("b", p.manifests().get(1).object().get("alias"));
    assertEquals(1, p.problems().size(), p.problems().toString());
    assertNotNull(BlockYamlParser.parse("kind: A\n---\n\n---\nkind: B\n", LoadOptions.defaults()));
    assertEquals(2, parser.parse("f.yaml", "kind: A\n---\n\n---\nkind: B\n").manifests().get(1)
        .origin().document());
  }
}
