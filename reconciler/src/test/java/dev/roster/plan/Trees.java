package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.LoadOptions;
import dev.roster.load.YamlParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test trees. Desired objects come from YAML through Roster's own parser (so numbers are Long and
 * Double as in production); live objects come from JSON through Jackson (Integer and Double, as a
 * Kubernetes client returns them). Everything returned is a fresh, mutable deep copy.
 */
final class Trees {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YamlParser YAML = new YamlParser(LoadOptions.defaults());

  private Trees() {}

  /** One YAML document, parsed as the loader parses Git files. */
  static Map<String, Object> yaml(String text) {
    YamlParser.Parsed p = YAML.parse("test.yaml", text);
    assertEquals(List.of(), p.problems(), "test YAML must parse");
    assertEquals(1, p.manifests().size(), "one document expected");
    return copyMap(p.manifests().get(0).object());
  }

  /** JSON with single quotes allowed for readability ({@code 'x'} becomes {@code "x"}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return copyMap(JSON.readValue(text.replace('\'', '"'), LinkedHashMap.class));
  }

  /** The applied-fields of {@code object}, round-tripped through JSON as the annotation is. */
  static Object applied(Map<String, Object> object) {
    return JSON.readValue(JSON.writeValueAsString(Fields.of(object)), LinkedHashMap.class);
  }

  static String toJson(Object tree) {
    return JSON.writeValueAsString(tree);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copyMap(Map<String, Object> m) {
    return (Map<String, Object>) copy(m);
  }

  /** A deep, mutable copy of a tree of maps, lists and scalars. */
  static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(copy(x)));
      return out;
    }
    return v;
  }

  /** The value at a JSON pointer, or {@link #MISSING}. */
  static Object at(Object tree, String pointer) {
    Object cur = tree;
    for (String t : JsonPatch.tokens(pointer)) {
      if (cur instanceof Map<?, ?> m && m.containsKey(t)) {
        cur = m.get(t);
      } else if (cur instanceof List<?> l && t.matches("0|[1-9][0-9]*")
          && Integer.parseInt(t) < l.size()) {
        cur = l.get(Integer.parseInt(t));
      } else {
        return MISSING;
      }
    }
    return cur;
  }

  static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "<missing>";
    }
  };

  /** JSON equality: numbers by value, maps by key set, lists by order. */
  static boolean jsonEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!jsonEquals(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!jsonEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  static void assertJsonEquals(Object expected, Object actual) {
    if (!jsonEquals(expected, actual)) {
      assertEquals(toJson(expected), toJson(actual));
      assertEquals(expected, actual); // same JSON text, different types: show them
    }
  }

  /** A JSON Patch operation as the plan writes it. */
  static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    return m;
  }

  static Map<String, Object> remove(String path) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", "remove");
    m.put("path", path);
    return m;
  }
}
