package dev.roster.devcluster;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A structural schema being assembled by {@link SchemaFlattener}, and its OpenAPI form.
 *
 * <p>Contract of {@link #toOpenApi(boolean)}: an object is published with its fields only when
 * its schema is closed ({@code additionalProperties: false}); kubectl's client-side validation
 * (OpenAPI v2) treats an object with fields as closed, so an open object is published there as a
 * map of anything, and in v3 with its fields and {@code x-kubernetes-preserve-unknown-fields}.
 * Every array has {@code items}. A value of several types (quantity: integer, number or string)
 * is {@code x-kubernetes-int-or-string}, without a type.
 */
final class Shape {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  String type;
  boolean anyType;
  String description;
  final Map<String, Shape> properties = new LinkedHashMap<>();
  final Set<String> required = new LinkedHashSet<>();
  Shape items;
  Shape additional;
  boolean closed;
  boolean open;
  List<JsonNode> enumValues;
  JsonNode defaultValue;
  final Map<String, JsonNode> bounds = new LinkedHashMap<>();

  /** Sets the type; a second, different type makes the value of any type. */
  void type(String t) {
    if (type == null) {
      type = t;
    } else if (!type.equals(t)) {
      anyType = true;
    }
  }

  /** Whether unknown fields are refused: closed, with no map values and nothing opening it. */
  boolean closedToUnknown() {
    return closed && !open && additional == null;
  }

  /** The OpenAPI schema: v2 (kubectl's validation) if {@code v2}, else v3 (explain). */
  ObjectNode toOpenApi(boolean v2) {
    ObjectNode out = NODES.objectNode();
    if (description != null) {
      out.put("description", description);
    }
    if (anyType) {
      out.put("x-kubernetes-int-or-string", true);
      return out;
    }
    String t = type != null ? type
        : !properties.isEmpty() || additional != null || closed ? "object"
        : items != null ? "array" : null;
    if (t != null) {
      out.put("type", t);
    } else if (open && !v2) {
      out.put("x-kubernetes-preserve-unknown-fields", true);
    }
    if ("object".equals(t)) {
      object(out, v2);
    } else if ("array".equals(t)) {
      out.set("items", items == null ? NODES.objectNode() : items.toOpenApi(v2));
    } else if (enumValues != null) {
      out.putArray("enum").addAll(enumValues.stream().map(JsonNode::deepCopy).toList());
    }
    if (defaultValue != null) {
      out.set("default", defaultValue.deepCopy());
    }
    bounds.forEach((k, v) -> out.set(k, v.deepCopy()));
    return out;
  }

  private void object(ObjectNode out, boolean v2) {
    boolean closedObject = closedToUnknown();
    if (!properties.isEmpty() && (closedObject || !v2)) {
      ObjectNode props = out.putObject("properties");
      properties.forEach((name, s) -> props.set(name, s.toOpenApi(v2)));
      List<String> req = required.stream().filter(properties::containsKey).toList();
      if (!req.isEmpty()) {
        out.putArray("required").addAll(req.stream().map(NODES::stringNode).toList());
      }
    } else if (properties.isEmpty() && closedObject) {
      out.putObject("properties");
    }
    if (properties.isEmpty() && additional != null) {
      out.set("additionalProperties", additional.toOpenApi(v2));
    } else if (!closedObject && !v2) {
      out.put("x-kubernetes-preserve-unknown-fields", true);
    }
  }
}
