package dev.roster.load;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Read-only copies of plain trees (maps, lists, scalars) that take a fraction of the memory: a map
 * of up to {@value #SMALL} entries is a {@link FlatMap} (its entries in fields, or in one array of
 * keys and values, in insertion order), a larger one an unmodifiable {@link LinkedHashMap}, a list
 * an immutable list of exactly its size, and every string one shared instance. Copies are equal to the originals ({@link Map#equals}, {@link
 * List#equals}) and iterate in the same order. For trees kept for a long time, such as every
 * object of a 10,000-object repo in serve mode, desired and live; writing to a copy throws.
 */
public final class CompactTrees {
  /** Largest map kept as a flat array; lookups in it are linear. */
  static final int SMALL = 16;

  private CompactTrees() {}

  /** A compact, read-only copy of {@code tree}. */
  @SuppressWarnings("unchecked")
  public static Object copy(Object tree) {
    if (tree instanceof String s) {
      return s.intern();
    }
    if (tree instanceof Map<?, ?> m) {
      return copyMap((Map<String, ?>) m);
    }
    if (tree instanceof List<?> l) {
      Object[] out = new Object[l.size()];
      int i = 0;
      for (Object x : l) {
        out[i++] = copy(x);
      }
      return new FlatList(out);
    }
    return tree;
  }

  /** A compact, read-only copy of {@code map}. */
  public static Map<String, Object> copyMap(Map<String, ?> map) {
    if (map.size() > SMALL) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k == null ? null : k.intern(), copy(v)));
      return Collections.unmodifiableMap(out);
    }
    Object[] kv = new Object[map.size() * 2];
    int i = 0;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      kv[i++] = e.getKey() == null ? null : e.getKey().intern();
      kv[i++] = copy(e.getValue());
    }
    return FlatMap.of(kv);
  }

  /**
   * A read-only map of {@code [k0, v0, k1, v1, …]} (distinct keys), in that order, holding the
   * values as given (not copied); compact when it is small. Takes ownership of {@code kv}.
   */
  static Map<String, Object> ofPairs(Object[] kv) {
    if (kv.length / 2 > SMALL) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < kv.length; i += 2) {
        out.put((String) kv[i], kv[i + 1]);
      }
      return Collections.unmodifiableMap(out);
    }
    return FlatMap.of(kv);
  }

  /**
   * A read-only map with the entries of {@code map}, in its order, whose values are the same
   * instances (not copied); compact when it is small.
   */
  public static Map<String, Object> flat(Map<String, ?> map) {
    if (map.size() > SMALL) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
    Object[] kv = new Object[map.size() * 2];
    int i = 0;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      kv[i++] = e.getKey();
      kv[i++] = e.getValue();
    }
    return FlatMap.of(kv);
  }

  /**
   * {@link #flat} of {@code map} after {@code put(key, value)} of each pair in turn, as a {@link
   * LinkedHashMap} would do it: a key already present keeps its place, a new one goes last.
   */
  public static Map<String, Object> with(Map<String, ?> map, Object... pairs) {
    if (map.size() + pairs.length / 2 > SMALL) {
      Map<String, Object> out = new LinkedHashMap<>(map);
      for (int i = 0; i < pairs.length; i += 2) {
        out.put((String) pairs[i], pairs[i + 1]);
      }
      return flat(out);
    }
    Object[] kv = new Object[map.size() * 2 + pairs.length];
    int n = 0;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      kv[n++] = e.getKey();
      kv[n++] = e.getValue();
    }
    for (int i = 0; i < pairs.length; i += 2) {
      int at = 0;
      while (at < n && !Objects.equals(kv[at], pairs[i])) {
        at += 2;
      }
      kv[at] = pairs[i];
      kv[at + 1] = pairs[i + 1];
      n = Math.max(n, at + 2);
    }
    return FlatMap.of(n == kv.length ? kv : Arrays.copyOf(kv, n));
  }
}
