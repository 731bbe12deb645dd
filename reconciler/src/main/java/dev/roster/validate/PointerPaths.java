package dev.roster.validate;

import dev.roster.load.PointerIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the values a pointer pattern selects; {@code *} matches any array index or map key. */
final class PointerPaths {
  private PointerPaths() {}

  /**
   * A value found.
   *
   * @param pointer concrete JSON pointer of the value
   * @param value the value
   * @param parent the map holding it, or null when it sits in a list
   */
  record Match(String pointer, Object value, Map<?, ?> parent) {}

  static List<Match> find(Object root, String pattern, String base) {
    List<Match> out = new ArrayList<>();
    String[] tokens = pattern.isEmpty() ? new String[0] : pattern.substring(1).split("/");
    walk(root, null, tokens, 0, base, out);
    return out;
  }

  private static void walk(Object node, Map<?, ?> parent, String[] tokens, int i, String pointer,
      List<Match> out) {
    if (i == tokens.length) {
      if (node != null) {
        out.add(new Match(pointer, node, parent));
      }
      return;
    }
    String t = tokens[i];
    if (node instanceof Map<?, ?> m) {
      if ("*".equals(t)) {
        m.forEach((k, v) -> walk(v, m, tokens, i + 1,
            pointer + "/" + PointerIndex.escape(String.valueOf(k)), out));
      } else if (m.containsKey(t)) {
        walk(m.get(t), m, tokens, i + 1, pointer + "/" + PointerIndex.escape(t), out);
      }
    } else if (node instanceof List<?> l) {
      for (int k = 0; k < l.size(); k++) {
        if ("*".equals(t) || t.equals(String.valueOf(k))) {
          walk(l.get(k), null, tokens, i + 1, pointer + "/" + k, out);
        }
      }
    }
  }
}
