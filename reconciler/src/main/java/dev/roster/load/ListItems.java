package dev.roster.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a {@code v1 List} document into its items, as kubectl does: each item becomes a
 * manifest of its own whose origin and field locations point at the item inside the file, so
 * problems of {@code /items/3/metadata/name} are reported as the item's {@code /metadata/name}
 * at the item's line. Nested Lists are expanded in turn. Any other document is one manifest.
 */
final class ListItems {
  private static final String ITEMS = "/items/";

  private ListItems() {}

  /**
   * Adds the manifests of one document ({@code object}, located by {@code index}) to {@code out};
   * a List whose items are not objects adds located problems instead.
   */
  static void add(Origin origin, Map<String, Object> object, Map<String, Location> index,
      List<Manifest> out, List<Problem> problems) {
    if (!isList(object)) {
      out.add(new Manifest(origin, object, new PointerIndex(index)));
      return;
    }
    if (!(object.get("items") instanceof List<?> items)) {
      Location at = index.getOrDefault("/items", index.get("/kind"));
      problems.add(new Problem(origin.file(), at.line(), at.column(), "List", "/items",
          "a v1 List needs items: a list of Kubernetes objects, each with apiVersion and kind",
          Severity.ERROR));
      return;
    }
    List<Map<String, Location>> located = byItem(index, items.size());
    for (int i = 0; i < items.size(); i++) {
      String prefix = "/items/" + i;
      Location at = index.get(prefix);
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        problems.add(new Problem(origin.file(), at.line(), at.column(), "List", prefix,
            "List item is not a mapping: a Kubernetes object with apiVersion and kind was"
                + " expected", Severity.ERROR));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> o = (Map<String, Object>) item;
      Map<String, Location> own = located.get(i);
      own.put("", at);
      add(new Origin(origin.file(), origin.document(), at.line(), at.column()), o, own, out,
          problems);
    }
  }

  /** {@code apiVersion: v1, kind: List}: what kubectl expands (and the API server never stores). */
  private static boolean isList(Map<String, Object> object) {
    return "v1".equals(object.get("apiVersion")) && "List".equals(object.get("kind"));
  }

  /** The locations under {@code /items/N/} for each N, re-rooted at the item; one pass. */
  private static List<Map<String, Location>> byItem(Map<String, Location> index, int count) {
    List<Map<String, Location>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new HashMap<>());
    }
    for (Map.Entry<String, Location> e : index.entrySet()) {
      String p = e.getKey();
      int slash = p.indexOf('/', ITEMS.length());
      if (p.startsWith(ITEMS) && slash > ITEMS.length()) {
        int n = Integer.parseInt(p, ITEMS.length(), slash, 10);
        if (n < count) {
          out.get(n).put(p.substring(slash), e.getValue());
        }
      }
    }
    return out;
  }
}
