package dev.roster.validate;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Converts the loader's plain tree into the JSON tree the schema validator reads. */
final class JsonTrees {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonTrees() {}

  static JsonNode toNode(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof String s) {
      return F.stringNode(s);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof BigInteger b) {
      return F.numberNode(b);
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, val) -> o.set(String.valueOf(k), toNode(val)));
      return o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = F.arrayNode(l.size());
      l.forEach(x -> a.add(toNode(x)));
      return a;
    }
    return F.stringNode(String.valueOf(v));
  }
}
