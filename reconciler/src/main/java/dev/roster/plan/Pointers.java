package dev.roster.plan;

import dev.roster.load.PointerIndex;
import dev.roster.validate.Profile;
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

  /** A name an object gives another, with the namespace it is looked up in. */
  public record Named(String namespace, String name) {}

  /**
   * The names {@code tree} gives at {@code r}'s path: each value, in the namespace of its
   * {@code namespaceSibling} when that is set and not empty, else {@code namespace}; where the
   * field is absent but its parent present, {@code r.omitted()} when the profile names one.
   */
  public static List<Named> named(Object tree, Profile.Reach r, String namespace) {
    List<Named> out = new ArrayList<>();
    int cut = r.path().lastIndexOf('/');
    String leaf = PointerIndex.unescape(r.path().substring(cut + 1));
    if ("*".equals(leaf) || cut < 0) {
      values(tree, r.path()).forEach(v -> out.add(new Named(namespace, String.valueOf(v))));
      return out;
    }
    for (Object parent : values(tree, r.path().substring(0, cut))) {
      if (!(parent instanceof Map<?, ?> m)) {
        continue;
      }
      Object v = m.get(leaf);
      String name = v != null ? String.valueOf(v) : r.omitted();
      if (name == null) {
        continue;
      }
      Object ns = r.namespaceSibling() == null ? null : m.get(r.namespaceSibling());
      out.add(new Named(ns instanceof String s && !s.isEmpty() ? s : namespace, name));
    }
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
