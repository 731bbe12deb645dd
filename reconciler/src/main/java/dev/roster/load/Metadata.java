package dev.roster.load;

import java.util.Map;

/**
 * Reads labels and annotations of an object held as a plain tree (maps, lists, scalars), desired
 * or live alike.
 *
 * <p>Contract: never throws; a missing object, metadata, map or key, or a value that is not a
 * string, reads as null.
 */
public final class Metadata {
  private Metadata() {}

  /** {@code metadata.labels[key]} of {@code object} when it is a string, else null. */
  public static String label(Map<String, Object> object, String key) {
    return string(object, "labels", key);
  }

  /** {@code metadata.annotations[key]} of {@code object} when it is a string, else null. */
  public static String annotation(Map<String, Object> object, String key) {
    return string(object, "annotations", key);
  }

  private static String string(Map<String, Object> object, String part, String key) {
    return object != null && object.get("metadata") instanceof Map<?, ?> m
        && m.get(part) instanceof Map<?, ?> p && p.get(key) instanceof String s ? s : null;
  }
}
