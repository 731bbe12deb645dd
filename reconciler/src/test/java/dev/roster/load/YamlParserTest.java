package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Safety limits, located messages, documents and merge keys of {@link YamlParser}. */
class YamlParserTest {
  private final YamlParser parser = new YamlParser(LoadOptions.defaults());

  private static List<String> formats(YamlParser.Parsed p) {
    return p.problems().stream().map(Problem::format).toList();
  }

  /** Nine levels of nine aliases each: 9^9 strings once expanded. */
  private static String billionLaughs() {
    StringBuilder sb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i == 0 ? "*" : ", *").append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    return sb.toString();
  }

  /**
   * What a whole repo's manifests cost while validate holds them: trees are the compact read-only
   * form (not LinkedHashMaps), and a key or value written in many documents is one instance.
   */
  @Test
  void treesAreCompactReadOnlyAndShareRepeatedStrings() {
    String doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: team\n"
        + "data:\n  list: [a, b]\n";
    List<Manifest> ms = new ArrayList<>();
    for (String name : List.of("one", "two")) {
      ms.addAll(parser.parse(name + ".yaml", String.format(doc, name)).manifests());
    }
    Map<String, Object> first = ms.get(0).object();
    Map<String, Object> second = ms.get(1).object();
    assertFalse(first instanceof LinkedHashMap, first.getClass().getName());
    assertFalse(first.get("metadata") instanceof LinkedHashMap);
    assertThrows(UnsupportedOperationException.class, () -> first.put("x", "y"));
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) ((Map<?, ?>) first.get("data")).get("list");
    assertThrows(UnsupportedOperationException.class, () -> list.add("c"));
    assertEquals(List.of("apiVersion", "kind", "metadata", "data"),
        List.copyOf(first.keySet()));
    assertSame(keyOf(first, "metadata"), keyOf(second, "metadata"));
    assertSame(ms.get(0).namespace(), ms.get(1).namespace());
    assertSame(first.get("apiVersion"), second.get("apiVersion"));
  }

  private static String keyOf(Map<String, Object> map, String key) {
    return map.keySet().stream().filter(key::equals).findFirst().orElseThrow();
  }

  @Test
  void rejectsDuplicateKeysWithBothLines() {
    YamlParser.Parsed p =
        parser.parse("dup.yaml", "kind: ConfigMap\ndata:\n  a: 1\n  b: 2\n  a: 3\n");
    assertEquals(List.of(), p.manifests());
    assertEquals(List.of("dup.yaml:5:3: /data/a: duplicate key \"a\" (first at line 3)"),
        formats(p));
    Problem problem = p.problems().get(0);
    assertEquals("/data/a", problem.pointer());
    assertEquals("", problem.subject());
    assertEquals(Severity.ERROR, problem.severity());
  }

  @Test
  void stopsABillionLaughsAtTheAliasCap() {
    YamlParser.Parsed p = parser.parse("lol.yaml", billionLaughs());
    assertEquals(List.of(), p.manifests());
    assertEquals(
        // 9 aliases of a under b, then the fifth *b under c brings the 51st: located at the
        // aliased node, which is where snakeyaml keeps its mark
        List.of("lol.yaml:1:4: /c/4/0: more than 50 aliases of collections in one document"),
        formats(p));
  }

  @Test
  void honoursAConfiguredAliasCap() {
    YamlParser small = new YamlParser(new LoadOptions(1 << 20, 2, 64, 250_000));
    String yaml = "a: &a [x]\nb: [*a, *a]\nc: *a\n";
    assertEquals(List.of("t.yaml:3:1: /c: more than 2 aliases of collections in one document"),
        formats(small.parse("t.yaml", yaml)));
    assertEquals(List.of(), formats(small.parse("t.yaml", "a: &a [x]\nb: [*a, *a]\n")));
  }

  @Test
  void capsTheExpandedSizeOfADocument() {
    YamlParser tiny = new YamlParser(new LoadOptions(1 << 20, 50, 64, 10));
    String yaml = "a: &a [1, 2, 3, 4]\nb: *a\n";
    assertEquals(
        List.of("t.yaml:1:17: /b/3: document expands to more than 10 values (alias bomb?)"),
        formats(tiny.parse("t.yaml", yaml)));
  }

  @Test
  void refusesARecursiveAlias() {
    YamlParser.Parsed p = parser.parse("rec.yaml", "a: &a [*a]\n");
    assertEquals(List.of(), p.manifests());
    assertEquals(List.of("rec.yaml:1:4: /a/0: recursive alias: a collection contains itself"),
        formats(p));
  }

  @Test
  void refusesARecursiveMappingAlias() {
    YamlParser.Parsed p = parser.parse("rec.yaml", "a: &a\n  self: *a\n");
    assertEquals(
        List.of("rec.yaml:2:3: /a/self: recursive alias: a collection contains itself"),
        formats(p));
  }

  @Test
  void capsNestingWithALocatedMessage() {
    String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
    YamlParser.Parsed p = parser.parse("deep.yaml", deep);
    assertEquals(List.of(), p.manifests());
    assertEquals(List.of("deep.yaml:1:68: invalid YAML: nesting deeper than 64"), formats(p));
  }

  @Test
  void capsNestingReachedThroughAliases() {
    YamlParser shallow = new YamlParser(new LoadOptions(1 << 20, 50, 3, 250_000));
    String yaml = "a: &a [[x]]\nb: [[*a]]\n";
    assertEquals(List.of("t.yaml:1:8: /b/0/0/0: nesting deeper than 3"),
        formats(shallow.parse("t.yaml", yaml)));
  }

  @Test
  void acceptsNestingUpToTheCap() {
    String deep = "a: " + "[".repeat(64) + "]".repeat(64) + "\n";
    assertEquals(List.of(), formats(parser.parse("deep.yaml", deep)));
  }

  @Test
  void locatesSyntaxErrorsAndKeepsEarlierDocuments() {
    YamlParser.Parsed p = parser.parse("s.yaml", "a: 1\n---\nb: [1\nc: 2\n");
    assertEquals(List.of("s.yaml:4:2: invalid YAML: expected ',' or ']', but got :"),
        formats(p));
    assertEquals(1, p.manifests().size());
    assertEquals(Map.of("a", 1L), p.manifests().get(0).object());
  }

  @Test
  void locatesTabIndentation() {
    assertEquals(List.of("t.yaml:2:1: invalid YAML: found character '\\t(TAB)' that cannot start"
        + " any token. (Do not use \\t(TAB) for indentation)"),
        formats(parser.parse("t.yaml", "a:\n\tb: 1\n")));
  }

  @Test
  void locatesAnUndefinedAlias() {
    assertEquals(List.of("t.yaml:2:4: invalid YAML: found undefined alias nope"),
        formats(parser.parse("t.yaml", "a: 1\nb: *nope\n")));
  }

  @Test
  void skipsEmptyDocumentsAndRecordsDocumentIndexAndLine() {
    String yaml = "---\n---\n# only a comment\n---\nkind: A\n---\n\n---\nkind: B\n...\n";
    YamlParser.Parsed p = parser.parse("m.yaml", yaml);
    assertEquals(List.of(), p.problems());
    assertEquals(2, p.manifests().size());
    assertEquals(new Origin("m.yaml", 2, 5, 1), p.manifests().get(0).origin());
    assertEquals(new Origin("m.yaml", 4, 9, 1), p.manifests().get(1).origin());
    assertEquals("m.yaml:9:1", p.manifests().get(1).origin().toString());
  }

  @Test
  void keepsLaterDocumentsAfterABadOne() {
    YamlParser.Parsed p = parser.parse("m.yaml", "kind: A\n---\na: 1\na: 2\n---\nkind: C\n");
    assertEquals(List.of("m.yaml:4:1: /a: duplicate key \"a\" (first at line 3)"), formats(p));
    assertEquals(List.of("A", "C"), p.manifests().stream().map(Manifest::kind).toList());
    assertEquals(2, p.manifests().get(1).origin().document());
  }

  @Test
  void rejectsDocumentsThatAreNotMappings() {
    YamlParser.Parsed p = parser.parse("n.yaml", "kind: A\n---\n- a\n- b\n---\njust text\n");
    assertEquals(List.of(
        "n.yaml:3:1: document is not a mapping: a Kubernetes object with apiVersion and kind was"
            + " expected",
        "n.yaml:6:1: document is not a mapping: a Kubernetes object with apiVersion and kind was"
            + " expected"), formats(p));
    assertEquals(1, p.manifests().size());
  }

  @Test
  void rejectsComplexKeys() {
    assertEquals(List.of("t.yaml:1:3: complex mapping keys are not supported"),
        formats(parser.parse("t.yaml", "? [a, b]\n: c\n")));
  }

  @Test
  void appliesMergeKeysWithExplicitKeysWinning() {
    String yaml =
        "base: &base\n  image: agent:1\n  replicas: 2\nkid:\n  <<: *base\n  replicas: 3\n";
    YamlParser.Parsed p = parser.parse("m.yaml", yaml);
    assertEquals(List.of(), p.problems());
    @SuppressWarnings("unchecked")
    Map<String, Object> kid = (Map<String, Object>) p.manifests().get(0).object().get("kid");
    assertEquals(Map.of("image", "agent:1", "replicas", 3L), kid);
    assertEquals(new Location(6, 3), p.manifests().get(0).locate("/kid/replicas"));
  }

  @Test
  void mergesAListOfMappings() {
    String yaml = "a: &a {x: 1}\nb: &b {z: 2}\nc:\n  <<: [*a, *b]\n";
    YamlParser.Parsed p = parser.parse("m.yaml", yaml);
    assertEquals(List.of(), p.problems());
    assertEquals(Map.of("x", 1L, "z", 2L), p.manifests().get(0).object().get("c"));
  }

  @Test
  void reportsOnlyTheFirstProblemOfADocument() {
    YamlParser.Parsed p = parser.parse("t.yaml", "a: 1\na: 2\nb: !Ref x\n");
    assertEquals(List.of("t.yaml:2:1: /a: duplicate key \"a\" (first at line 1)"), formats(p));
  }
}
