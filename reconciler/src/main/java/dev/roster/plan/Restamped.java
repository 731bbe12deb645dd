package dev.roster.plan;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A stamped desired object with another revision stamped on it: equal to stamping its object
 * again with that revision ({@link Stamper#restamp}), in the same order, read-only; the metadata
 * that differs is made only when read. For the many objects a plan keeps from the one before,
 * which little reads. Thread-safe (immutable; the metadata may be made twice, equal).
 */
final class Restamped extends AbstractMap<String, Object> {
  private final Map<String, Object> base;
  private final String revision;
  private Map<String, Object> metadata;

  private Restamped(Map<String, Object> base, String revision) {
    this.base = base;
    this.revision = revision;
  }

  /** {@code stamped} with {@code revision} stamped instead, never a view of a view. */
  static Map<String, Object> of(Map<String, Object> stamped, String revision) {
    Map<String, Object> base = stamped instanceof Restamped r ? r.base : stamped;
    return base.get("metadata") instanceof Map<?, ?> ? new Restamped(base, revision)
        : Stamper.restamp(base, revision);
  }

  /**
   * {@code stamped}, or for a view the map it views: equal but for the revision stamped, for
   * reading anything else without making the view's metadata.
   */
  static Map<String, Object> base(Map<String, Object> stamped) {
    return stamped instanceof Restamped r ? r.base : stamped;
  }

  /** The revision stamped on {@code stamped}, without making a view's metadata. */
  static String revision(Map<String, Object> stamped) {
    return stamped instanceof Restamped r ? r.revision
        : dev.roster.load.Metadata.annotation(stamped, Ownership.REVISION);
  }

  private Object metadata() {
    Map<String, Object> m = metadata;
    if (m == null) {
      Map<String, Object> restamped = Stamper.restamp(base, revision);
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) restamped.get("metadata");
      metadata = meta;
      m = meta;
    }
    return m;
  }

  @Override
  public Object get(Object key) {
    return "metadata".equals(key) ? metadata() : base.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return base.containsKey(key);
  }

  @Override
  public int size() {
    return base.size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    base.forEach((k, v) -> action.accept(k, "metadata".equals(k) ? metadata() : v));
  }

  @Override
  public java.util.Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return base.size();
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        Iterator<Map.Entry<String, Object>> it = base.entrySet().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map.Entry<String, Object> next() {
            Map.Entry<String, Object> e = it.next();
            return new SimpleImmutableEntry<>(e.getKey(),
                "metadata".equals(e.getKey()) ? metadata() : e.getValue());
          }
        };
      }
    };
  }
}
