package dev.roster.plan;

import dev.roster.load.PointerIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON pointer patterns of profiles: segments escaped as in pointers ({@code ~1} for {@code /}),
 * {@code *} matching any one map key or list index.
 */
public final class Pointers {
  private Pointers() {}

  /** Whether {@code pattern} names {@code pointer} or one of its ancestors. */
  public static boolean covers(String pattern, String pointer) {
    String[] p = split(pattern);
    String[] q = split(pointer);
    if (p.length > q.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (!"*".equals(p[i]) && !"*".equals(q[i]) && !p[i].equals(q[i])) {
        return false;
      }
    }
    return true;
  }

  /** Number of segments: the more, the more specific a matching pattern. */
  public static int depth(String pattern) {
    return split(pattern).length;
  }

  /** Every value at {@code pattern} in {@code tree} (absent paths yield nothing). */
  public static List<Object> values(Object tree, String pattern) {
    List<Object> out = new ArrayList<>();
    collect(tree, split(pattern), 0, out);
    return out;
  }

  private static void collect(Object node, String[] segs, int i, List<Object> out) {
    if (i == segs.length) {
      out.add(node);
      return;
    }
    String s = PointerIndex.unescape(segs[i]);
    if (node instanceof Map<?, ?> m) {
      if ("*".equals(s)) {
        m.values().forEach(v -> collect(v, segs, i + 1, out));
      } else if (m.containsKey(s)) {
        collect(m.get(s), segs, i + 1, out);
      }
    } else if (node instanceof List<?> l) {
      if ("*".equals(s)) {
        l.forEach(v -> collect(v, segs, i + 1, out));
      } else if (s.matches("[0-9]+") && Integer.parseInt(s) < l.size()) {
        collect(l.get(Integer.parseInt(s)), segs, i + 1, out);
      }
    }
  }

  private static String[] split(String pointer) {
    if (pointer == null || pointer.isEmpty() || "/".equals(pointer)) {
      return new String[0];
    }
    return pointer.substring(1).split("/", -1);
  }
}
