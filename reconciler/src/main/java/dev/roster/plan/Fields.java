package dev.roster.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The set of fields Git sets in an object, kept in the {@code roster.dev/applied-fields}
 * annotation for three-way diffs. Shape mirrors the object: a map for a map, a list (one entry
 * per item) for a list, and {@code {}} for a leaf. Values are never stored, so the annotation
 * stays small even when a prompt is 100 KB.
 */
public final class Fields {
  private Fields() {}

  /** The field set of {@code value}, leaving out metadata identity and provenance. */
  public static Object of(Map<String, Object> object) {
    Map<String, Object> out = new TreeMap<>();
    object.forEach((k, v) -> {
      if ("metadata".equals(k) && v instanceof Map<?, ?> meta) {
        Map<String, Object> m = new TreeMap<>();
        for (String part : List.of("labels", "annotations")) {
          if (meta.get(part) instanceof Map<?, ?> entries) {
            Map<String, Object> keys = new TreeMap<>();
            entries.keySet().stream().map(String::valueOf)
                .filter(a -> !Ownership.isProvenance(a))
                .forEach(a -> keys.put(a, Map.of()));
            if (!keys.isEmpty()) {
              m.put(part, keys);
            }
          }
        }
        if (!m.isEmpty()) {
          out.put(k, m);
        }
      } else if (!"apiVersion".equals(k) && !"kind".equals(k) && !"status".equals(k)) {
        out.put(k, shape(v));
      }
    });
    return out;
  }

  private static Object shape(Object v) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), shape(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(shape(x)));
      return out;
    }
    return Map.of();
  }

  /** The child set of {@code set} under {@code key}, or null when Git did not set it. */
  static Object child(Object set, String key) {
    return set instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** The set of list item {@code i}, or null. */
  static Object item(Object set, int i) {
    return set instanceof List<?> l && i < l.size() ? l.get(i) : null;
  }

  /** Keys of a map-shaped set; empty for leaves and lists. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> children(Object set) {
    return set instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }
}
