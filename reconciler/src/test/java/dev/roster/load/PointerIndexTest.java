package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON pointer to source location, as built by the parser. */
class PointerIndexTest {
  private static final String YAML = String.join("\n",
      "# leading comment",
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: x",
      "  annotations:",
      "    a/b: \"1\"",
      "    t~x: \"2\"",
      "spec:",
      "  items:",
      "    - first",
      "    - name: second",
      "      value: 2",
      "  flow: [a, {b: c}]",
      "");

  private static Manifest only(String yaml) {
    YamlParser.Parsed p = new YamlParser(LoadOptions.defaults()).parse("p.yaml", yaml);
    assertEquals(List.of(), p.problems());
    return p.manifests().get(0);
  }

  @Test
  void locatesObjectMembersAtTheirKey() {
    Manifest m = only(YAML);
    assertEquals(new Location(2, 1), m.locate("/apiVersion"));
    assertEquals(new Location(4, 1), m.locate("/metadata"));
    assertEquals(new Location(5, 3), m.locate("/metadata/name"));
    assertEquals(new Location(10, 3), m.locate("/spec/items"));
  }

  @Test
  void locatesListItemsAtTheItem() {
    Manifest m = only(YAML);
    assertEquals(new Location(11, 7), m.locate("/spec/items/0"));
    assertEquals(new Location(12, 7), m.locate("/spec/items/1"));
    assertEquals(new Location(13, 7), m.locate("/spec/items/1/value"));
    assertEquals(new Location(14, 10), m.locate("/spec/flow/0"));
    assertEquals(new Location(14, 13), m.locate("/spec/flow/1"));
    assertEquals(new Location(14, 14), m.locate("/spec/flow/1/b"));
  }

  @Test
  void escapesSlashAndTildeInKeys() {
    Manifest m = only(YAML);
    assertEquals(new Location(7, 5), m.locate("/metadata/annotations/a~1b"));
    assertEquals(new Location(8, 5), m.locate("/metadata/annotations/t~0x"));
    assertTrue(m.index().contains("/metadata/annotations/a~1b"));
    assertEquals("a~1b", PointerIndex.escape("a/b"));
    assertEquals("t~0x~1y", PointerIndex.escape("t~x/y"));
    assertEquals("plain", PointerIndex.escape("plain"));
    for (String key : List.of("a/b", "t~x/y", "~1", "~0", "/~", "plain")) {
      assertEquals(key, PointerIndex.unescape(PointerIndex.escape(key)), key);
    }
    // RFC 6901: ~1 is replaced before ~0, so "~01" is the key "~1", never "/"
    assertEquals("~1", PointerIndex.unescape("~01"));
  }

  @Test
  void fallsBackToTheNearestPresentAncestor() {
    Manifest m = only(YAML);
    assertEquals(new Location(12, 7), m.locate("/spec/items/1/missing"));
    assertEquals(new Location(9, 1), m.locate("/spec/nothing/deeper/still"));
    assertEquals(new Location(10, 3), m.locate("/spec/items/7"));
    assertFalse(m.index().contains("/spec/nothing"));
  }

  @Test
  void locatesTheEmptyPointerAtTheDocumentStart() {
    Manifest m = only(YAML);
    assertEquals(new Location(2, 1), m.locate(""));
    assertEquals(new Location(2, 1), m.locate("/absent"));
  }

  @Test
  void locatesALaterDocumentsRootAtItsOwnStart() {
    YamlParser.Parsed p = new YamlParser(LoadOptions.defaults())
        .parse("p.yaml", "kind: A\n---\n\n  kind: B\n  data: {}\n");
    Manifest second = p.manifests().get(1);
    assertEquals(new Location(4, 3), second.locate(""));
    assertEquals(new Location(4, 3), second.locate("/metadata/name"));
    assertEquals(new Location(5, 3), second.locate("/data/x"));
  }

  @Test
  void locatesMergedKeysWhereTheyAreWritten() {
    Manifest m = only("base: &b\n  x: 1\nkid:\n  <<: *b\n  z: 2\n");
    assertEquals(new Location(2, 3), m.locate("/kid/x"));
    assertEquals(new Location(5, 3), m.locate("/kid/z"));
    assertEquals(Map.of("x", 1L, "z", 2L), m.object().get("kid"));
  }

  @Test
  void buildsProblemsLocatedAtTheirPointer() {
    Manifest m = only(YAML);
    Problem p = m.error("/spec/items/1/value", "bad value");
    assertEquals(new Problem("p.yaml", 13, 7, "ConfigMap/x", "/spec/items/1/value", "bad value",
        Severity.ERROR), p);
    assertEquals("p.yaml:13:7: ConfigMap/x: /spec/items/1/value: bad value", p.format());
    assertEquals("p.yaml:13:7: warning: ConfigMap/x: /spec: careful",
        m.problem("/spec/items/1/value", "careful", Severity.WARNING).format()
            .replace("/spec/items/1/value", "/spec"));
  }
}
