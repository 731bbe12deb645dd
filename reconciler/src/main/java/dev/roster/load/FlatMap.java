package dev.roster.load;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The read-only maps of {@link CompactTrees}: entries in insertion order, looked up linearly. A
 * map of up to four entries holds them in fields (one object, no array: most maps of a Kubernetes
 * object are that small, and serve keeps each object's maps twice, desired and live); a larger
 * one holds one array of keys and values. Equal to any map with the same entries. It implements
 * {@link Map} itself rather than extend {@link AbstractMap}, whose two cached views would add a
 * field each to every map.
 */
abstract class FlatMap implements Map<String, Object> {
  private static final FlatMap EMPTY = new Array(new Object[0]);

  /** A map of {@code [k0, v0, k1, v1, …]}, in that order; the array is not copied. */
  static FlatMap of(Object[] kv) {
    return switch (kv.length) {
      case 0 -> EMPTY;
      case 2 -> new One((String) kv[0], kv[1]);
      case 4 -> new Two((String) kv[0], kv[1], (String) kv[2], kv[3]);
      case 6 -> new Three((String) kv[0], kv[1], (String) kv[2], kv[3], (String) kv[4], kv[5]);
      case 8 -> new Four((String) kv[0], kv[1], (String) kv[2], kv[3], (String) kv[4], kv[5],
          (String) kv[6], kv[7]);
      default -> new Array(kv);
    };
  }

  abstract String key(int i);

  abstract Object value(int i);

  private int indexOf(Object key) {
    for (int i = 0, n = size(); i < n; i++) {
      if (Objects.equals(key(i), key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public boolean containsValue(Object value) {
    for (int i = 0, n = size(); i < n; i++) {
      if (Objects.equals(value(i), value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : value(i);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0, n = size(); i < n; i++) {
      action.accept(key(i), value(i));
    }
  }

  @Override
  public Object put(String key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putAll(Map<? extends String, ?> m) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }

  /** A view made on each call (no field caches it: every map would pay for one). */
  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return FlatMap.this.size();
      }

      @Override
      public boolean contains(Object o) {
        return containsKey(o);
      }

      @Override
      public Iterator<String> iterator() {
        return new Walk<>() {
          @Override
          String at(int i) {
            return key(i);
          }
        };
      }
    };
  }

  @Override
  public Collection<Object> values() {
    return new AbstractCollection<>() {
      @Override
      public int size() {
        return FlatMap.this.size();
      }

      @Override
      public Iterator<Object> iterator() {
        return new Walk<>() {
          @Override
          Object at(int i) {
            return value(i);
          }
        };
      }
    };
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return FlatMap.this.size();
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Walk<>() {
          @Override
          Map.Entry<String, Object> at(int i) {
            return new AbstractMap.SimpleImmutableEntry<>(key(i), value(i));
          }
        };
      }
    };
  }

  /** {@link Map#equals}: the same mappings, whatever the order or the other map's class. */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> m) || m.size() != size()) {
      return false;
    }
    for (int i = 0, n = size(); i < n; i++) {
      Object v = value(i);
      Object other = m.get(key(i));
      if (v == null ? other != null || !m.containsKey(key(i)) : !v.equals(other)) {
        return false;
      }
    }
    return true;
  }

  /** {@link Map#hashCode}: the sum of the entries' hash codes. */
  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0, n = size(); i < n; i++) {
      h += Objects.hashCode(key(i)) ^ Objects.hashCode(value(i));
    }
    return h;
  }

  /** As {@link AbstractMap#toString}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0, n = size(); i < n; i++) {
      Object v = value(i);
      b.append(i == 0 ? "" : ", ").append(key(i)).append('=').append(v == this ? "(this Map)" : v);
    }
    return b.append('}').toString();
  }

  /** Walks positions 0 to size − 1. */
  private abstract class Walk<T> implements Iterator<T> {
    private int i;

    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return i < size();
    }

    @Override
    public T next() {
      if (i >= size()) {
        throw new NoSuchElementException();
      }
      return at(i++);
    }
  }

  private static final class One extends FlatMap {
    private final String k0;
    private final Object v0;

    One(String k0, Object v0) {
      this.k0 = k0;
      this.v0 = v0;
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    String key(int i) {
      return k0;
    }

    @Override
    Object value(int i) {
      return v0;
    }
  }

  private static final class Two extends FlatMap {
    private final String k0;
    private final Object v0;
    private final String k1;
    private final Object v1;

    Two(String k0, Object v0, String k1, Object v1) {
      this.k0 = k0;
      this.v0 = v0;
      this.k1 = k1;
      this.v1 = v1;
    }

    @Override
    public int size() {
      return 2;
    }

    @Override
    String key(int i) {
      return i == 0 ? k0 : k1;
    }

    @Override
    Object value(int i) {
      return i == 0 ? v0 : v1;
    }
  }

  private static final class Three extends FlatMap {
    private final String k0;
    private final Object v0;
    private final String k1;
    private final Object v1;
    private final String k2;
    private final Object v2;

    Three(String k0, Object v0, String k1, Object v1, String k2, Object v2) {
      this.k0 = k0;
      this.v0 = v0;
      this.k1 = k1;
      this.v1 = v1;
      this.k2 = k2;
      this.v2 = v2;
    }

    @Override
    public int size() {
      return 3;
    }

    @Override
    String key(int i) {
      return i == 0 ? k0 : i == 1 ? k1 : k2;
    }

    @Override
    Object value(int i) {
      return i == 0 ? v0 : i == 1 ? v1 : v2;
    }
  }

  private static final class Four extends FlatMap {
    private final String k0;
    private final Object v0;
    private final String k1;
    private final Object v1;
    private final String k2;
    private final Object v2;
    private final String k3;
    private final Object v3;

    Four(String k0, Object v0, String k1, Object v1, String k2, Object v2, String k3,
        Object v3) {
      this.k0 = k0;
      this.v0 = v0;
      this.k1 = k1;
      this.v1 = v1;
      this.k2 = k2;
      this.v2 = v2;
      this.k3 = k3;
      this.v3 = v3;
    }

    @Override
    public int size() {
      return 4;
    }

    @Override
    String key(int i) {
      return switch (i) {
        case 0 -> k0;
        case 1 -> k1;
        case 2 -> k2;
        default -> k3;
      };
    }

    @Override
    Object value(int i) {
      return switch (i) {
        case 0 -> v0;
        case 1 -> v1;
        case 2 -> v2;
        default -> v3;
      };
    }
  }

  private static final class Array extends FlatMap {
    private final Object[] kv;

    Array(Object[] kv) {
      this.kv = kv;
    }

    @Override
    public int size() {
      return kv.length / 2;
    }

    @Override
    String key(int i) {
      return (String) kv[2 * i];
    }

    @Override
    Object value(int i) {
      return kv[2 * i + 1];
    }
  }
}
