package dev.roster.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Patch that turns a ConfigMap's {@code data} and {@code binaryData} as written at one
 * resourceVersion into others, testing that resourceVersion first: applied, the ConfigMap holds
 * exactly what a replace with the new maps would hold, or the API server refuses it (422, 409
 * or 404) because the ConfigMap moved. Pure.
 */
final class DataPatch {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DataPatch() {}

  /**
   * The patch, as JSON; null when a patch cannot express the change (a map appears or goes).
   */
  static String of(String resourceVersion, Map<String, String> data,
      Map<String, String> binaryData, Map<String, String> nextData,
      Map<String, String> nextBinaryData) {
    if (data.isEmpty() != nextData.isEmpty() || binaryData.isEmpty() != nextBinaryData.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(Map.of("op", "test", "path", "/metadata/resourceVersion", "value", resourceVersion));
    ops(ops, "/data/", data, nextData);
    ops(ops, "/binaryData/", binaryData, nextBinaryData);
    return JSON.writeValueAsString(ops);
  }

  private static void ops(List<Map<String, Object>> ops, String at, Map<String, String> was,
      Map<String, String> now) {
    TreeSet<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(now.keySet());
    for (String k : keys) {
      String path = at + k.replace("~", "~0").replace("/", "~1");
      String a = was.get(k);
      String b = now.get(k);
      if (b == null) {
        ops.add(Map.of("op", "remove", "path", path));
      } else if (a == null) {
        ops.add(Map.of("op", "add", "path", path, "value", b));
      } else if (!a.equals(b)) { // the same instance when reused: no character compared
        ops.add(Map.of("op", "replace", "path", path, "value", b));
      }
    }
  }
}
