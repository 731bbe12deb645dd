package dev.roster.plan;

import dev.roster.load.PointerIndex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three-way diff of one object: desired, live, and the fields Git set at the last apply.
 *
 * <p>Maps are compared key by key: a key Git sets must be equal live; a key Git set last time and
 * no longer sets must be absent live; any other live key (status, server metadata, defaults,
 * fields of other actors) is not a difference. A map Git no longer sets is removed whole unless
 * other actors set keys in it, whose keys then stay. A null Git sets matches an absent key, since
 * the API server drops nulls. Lists are owned whole: a list differs when its length differs or
 * an item differs under the same rules, and is then replaced whole. Numbers compare by value
 * ({@code 1} equals {@code 1.0}).
 */
public final class Differ {
  private Differ() {}

  /** The differences and the JSON Patch operations that remove them. */
  public record Result(List<FieldChange> changes, List<Map<String, Object>> patch) {}

  public static Result diff(Map<String, Object> desired, Map<String, Object> live, Object applied) {
    List<FieldChange> changes = new ArrayList<>();
    List<Map<String, Object>> patch = new ArrayList<>();
    diffMap("", desired, live, applied, changes, patch);
    return new Result(changes, patch);
  }

  private static void diffMap(String path, Map<?, ?> desired, Map<?, ?> live, Object applied,
      List<FieldChange> changes, List<Map<String, Object>> patch) {
    for (Map.Entry<?, ?> e : desired.entrySet()) {
      String key = String.valueOf(e.getKey());
      String p = path + "/" + PointerIndex.escape(key);
      if (ignored(p, key)) {
        continue;
      }
      Object want = e.getValue();
      if (!live.containsKey(key)) {
        if (want == null || want instanceof Map<?, ?> m && m.isEmpty()
            || want instanceof List<?> l && l.isEmpty()) {
          continue; // the API server drops null and (for omitempty fields) empty values
        }
        changes.add(new FieldChange(p, FieldChange.Type.ADDED, null, want));
        patch.add(op("add", p, want));
        continue;
      }
      Object have = live.get(key);
      Object childSet = Fields.child(applied, key);
      if (want instanceof Map<?, ?> wm && have instanceof Map<?, ?> hm) {
        diffMap(p, wm, hm, childSet, changes, patch); // also for {}: remove only what Git set
      } else if (!same(want, have, childSet)) {
        changes.add(new FieldChange(p, FieldChange.Type.CHANGED, have, want));
        patch.add(op("replace", p, want));
      }
    }
    for (Map.Entry<String, Object> e : Fields.children(applied).entrySet()) {
      String key = e.getKey();
      String p = path + "/" + PointerIndex.escape(key);
      if (desired.containsKey(key) || !live.containsKey(key) || ignored(p, key)) {
        continue;
      }
      Object have = live.get(key);
      Map<String, Object> gitSet = Fields.children(e.getValue());
      if (have instanceof Map<?, ?> hm && !gitSet.isEmpty()
          && !gitSet.keySet().containsAll(hm.keySet())) {
        diffMap(p, Map.of(), hm, e.getValue(), changes, patch); // others set keys: keep those
      } else {
        changes.add(new FieldChange(p, FieldChange.Type.REMOVED, have, null));
        patch.add(op("remove", p, null));
      }
    }
  }

  /** Whether live {@code have} satisfies desired {@code want}, given what Git set last time. */
  static boolean same(Object want, Object have, Object applied) {
    if (want instanceof Map<?, ?> wm && have instanceof Map<?, ?> hm) {
      for (Map.Entry<?, ?> e : wm.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (!hm.containsKey(k) ? e.getValue() != null
            : !same(e.getValue(), hm.get(k), Fields.child(applied, k))) {
          return false;
        }
      }
      for (String k : Fields.children(applied).keySet()) {
        if (!wm.containsKey(k) && hm.containsKey(k)) {
          return false;
        }
      }
      return true;
    }
    if (want instanceof List<?> wl && have instanceof List<?> hl) {
      if (wl.size() != hl.size()) {
        return false;
      }
      for (int i = 0; i < wl.size(); i++) {
        if (!same(wl.get(i), hl.get(i), Fields.item(applied, i))) {
          return false;
        }
      }
      return true;
    }
    if (want instanceof Number a && have instanceof Number b && finite(a) && finite(b)) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return want == null ? have == null : want.equals(have);
  }

  private static boolean finite(Number n) {
    return !(n instanceof Double d) || Double.isFinite(d);
  }

  private static boolean ignored(String pointer, String key) {
    return "/status".equals(pointer)
        || pointer.startsWith("/metadata/") && !pointer.startsWith("/metadata/labels")
            && !pointer.startsWith("/metadata/annotations")
        || pointer.startsWith("/metadata/annotations/") && Ownership.isProvenance(key);
  }

  static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    if (!"remove".equals(op)) {
      m.put("value", value);
    }
    return m;
  }
}
