package dev.roster.cli;

import dev.roster.load.PointerIndex;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a rendered plan never shows: Roster's provenance annotations ({@code roster.dev/revision},
 * {@code repo}, {@code file}, {@code applied-fields}) and the values of a core v1 {@code Secret}'s
 * {@code data} and {@code stringData}, which are shown as {@value #REDACTED} (keys stay visible).
 *
 * <p>Contract: every method returns a cleaned copy and never modifies its argument.
 */
final class PlanRedaction {
  static final String REDACTED = "<redacted>";

  private PlanRedaction() {}

  /** Whether {@code key} names a core v1 Secret, whose values are never shown. */
  static boolean isSecret(ResourceKey key) {
    return key.group().isEmpty() && "Secret".equals(key.kind());
  }

  /**
   * {@code value}, found at JSON pointer {@code pointer} in the object {@code key}, cleaned: null
   * when the pointer itself is provenance, an empty map when a map held only provenance.
   */
  @SuppressWarnings("unchecked")
  static Object clean(ResourceKey key, String pointer, Object value) {
    if (value == null) {
      return null;
    }
    String[] tokens = pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1);
    Object root = value;
    for (int i = tokens.length - 1; i >= 0; i--) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(PointerIndex.unescape(tokens[i]), root);
      root = m;
    }
    if (!(root instanceof Map<?, ?> r)) {
      return value; // a scalar or list at the root: nothing of ours to hide
    }
    Object at = cleanObject(key, (Map<String, Object>) r);
    for (String t : tokens) {
      at = at instanceof Map<?, ?> m ? m.get(PointerIndex.unescape(t)) : null;
    }
    return at == null && value instanceof Map<?, ?> ? Map.of() : at;
  }

  /** A whole object, cleaned. */
  static Map<String, Object> cleanObject(ResourceKey key, Map<String, Object> object) {
    Map<String, Object> out = withoutProvenance(object);
    if (isSecret(key)) {
      out = new LinkedHashMap<>(out);
      out.computeIfPresent("data", (k, v) -> redact(v));
      out.computeIfPresent("stringData", (k, v) -> redact(v));
    }
    return out;
  }

  /** {@code object} without provenance annotations, and without an annotations map left empty. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutProvenance(Map<String, Object> object) {
    if (!(object.get("metadata") instanceof Map<?, ?> meta)
        || !(meta.get("annotations") instanceof Map<?, ?> annotations)
        || annotations.keySet().stream()
            .noneMatch(k -> Ownership.isProvenance(String.valueOf(k)))) {
      return object;
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    annotations.forEach((k, v) -> {
      if (!Ownership.isProvenance(String.valueOf(k))) {
        kept.put(String.valueOf(k), v);
      }
    });
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) meta);
    if (kept.isEmpty()) {
      m.remove("annotations");
    } else {
      m.put("annotations", kept);
    }
    Map<String, Object> out = new LinkedHashMap<>(object);
    out.put("metadata", m);
    return out;
  }

  private static Object redact(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.keySet().forEach(k -> out.put(String.valueOf(k), REDACTED));
      return out;
    }
    return v == null ? null : REDACTED;
  }
}
