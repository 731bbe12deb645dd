package dev.roster.validate;

import java.util.Arrays;
import java.util.List;

/**
 * The values of {@link ChangeValidator}'s indexes, kept small since serve keeps one or more per
 * manifest: null for none, the element itself for one (most keys), an array for two or more.
 * Elements are compared by instance. Values are never changed in place: each call returns a new
 * one.
 */
final class Recs {
  private Recs() {}

  /** The elements of {@code value}, in order; empty for null. */
  @SuppressWarnings("unchecked")
  static <T> List<T> of(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Object[] many) {
      return (List<T>) Arrays.asList(many);
    }
    return List.of((T) value);
  }

  /** {@code value} with {@code e} inserted at index {@code at} (0 to its size). */
  static Object with(Object value, Object e, int at) {
    if (value == null) {
      return e;
    }
    Object[] old = value instanceof Object[] many ? many : new Object[] {value};
    Object[] now = new Object[old.length + 1];
    System.arraycopy(old, 0, now, 0, at);
    now[at] = e;
    System.arraycopy(old, at, now, at + 1, old.length - at);
    return now;
  }

  /** {@code value} without {@code e}; null when nothing is left (a map then drops the key). */
  static Object without(Object value, Object e) {
    if (!(value instanceof Object[] many)) {
      return value == e ? null : value;
    }
    int at = 0;
    while (at < many.length && many[at] != e) {
      at++;
    }
    if (at == many.length) {
      return value;
    }
    if (many.length == 2) {
      return many[1 - at];
    }
    Object[] now = new Object[many.length - 1];
    System.arraycopy(many, 0, now, 0, at);
    System.arraycopy(many, at + 1, now, at, now.length - at);
    return now;
  }
}
