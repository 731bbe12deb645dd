package dev.roster.apply;

import dev.roster.load.PointerIndex;
import dev.roster.plan.Change;
import dev.roster.plan.HoldRecord;
import dev.roster.plan.RolloutState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Patch apply sends for an UPDATE, made from the planner's patch and the rollout gate's
 * decision ({@link RolloutState}, {@link HoldRecord}). Contract: a change that goes now sends the
 * planner's patch, plus the removal of a recorded hold (with a resourceVersion test when that is
 * all it sends). A waiting change sends only what {@link HoldRecord#goesNow} lets through, plus
 * the hold record (creating {@code metadata.annotations} when live has none); nothing at all when
 * {@link HoldRecord#sendsNow} says so. Pure.
 */
final class HoldPatch {
  private static final String ANNOTATIONS = "/metadata/annotations";

  private HoldPatch() {}

  static List<Map<String, Object>> of(Change c) {
    RolloutState state = c.rollout();
    HoldRecord record = state.record();
    if (!state.waiting()) {
      return record.clear().isEmpty() ? c.patch() : release(c, record.clear());
    }
    if (!HoldRecord.sendsNow(c)) {
      return List.of();
    }
    List<Map<String, Object>> ops = new ArrayList<>();
    for (Map<String, Object> op : c.patch()) {
      if ("test".equals(op.get("op")) || HoldRecord.goesNow(String.valueOf(op.get("path")),
          state)) {
        ops.add(op);
      }
    }
    if (!record.set().isEmpty() && !hasAnnotations(c.live())) {
      ops.add(op("add", ANNOTATIONS, new LinkedHashMap<>(record.set())));
    } else {
      record.set().forEach((k, v) -> ops.add(op("add", annotation(k), v)));
    }
    return List.copyOf(ops);
  }

  private static List<Map<String, Object>> release(Change c, List<String> clear) {
    List<Map<String, Object>> ops = new ArrayList<>(c.patch());
    if (ops.isEmpty()) {
      ops.add(op("test", "/metadata/resourceVersion", resourceVersion(c.live())));
    }
    clear.forEach(a -> ops.add(op("remove", annotation(a), null)));
    return List.copyOf(ops);
  }

  private static String annotation(String name) {
    return ANNOTATIONS + "/" + PointerIndex.escape(name);
  }

  private static boolean hasAnnotations(Map<String, Object> live) {
    return live != null && live.get("metadata") instanceof Map<?, ?> m
        && m.get("annotations") instanceof Map<?, ?>;
  }

  private static String resourceVersion(Map<String, Object> live) {
    return live != null && live.get("metadata") instanceof Map<?, ?> m
        && m.get("resourceVersion") != null ? String.valueOf(m.get("resourceVersion")) : "";
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    if (!"remove".equals(op)) {
      m.put("value", value);
    }
    return m;
  }
}
