package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaFlattenerTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String BASE = "https://roster.dev/schema/";

  private static JsonNode v3(String kindJson, String commonJson) {
    Map<String, JsonNode> docs = Map.of(
        BASE + "g/v1/K.json", JSON.readTree(kindJson),
        BASE + "common/types.json", JSON.readTree(commonJson));
    return new SchemaFlattener(docs::get).flatten(BASE + "g/v1/K.json").toOpenApi(false);
  }

  @Test
  void refsAreInlinedAndOwnDescriptionsWin() {
    JsonNode s = v3("""
        {"type": "object", "additionalProperties": false,
         "properties": {"ref": {"description": "mine", "$ref": "../../common/types.json#/$defs/r"},
           "local": {"$ref": "#/$defs/l"}},
         "$defs": {"l": {"type": "string", "description": "local one", "enum": ["a", "b"]}}}
        """, """
        {"$defs": {"r": {"type": "object", "description": "theirs", "required": ["name"],
          "additionalProperties": false, "properties": {"name": {"type": "string"}}}}}
        """);
    JsonNode ref = s.path("properties").path("ref");
    assertEquals("mine", ref.path("description").asString());
    assertEquals("[\"name\"]", ref.path("required").toString());
    assertEquals("string", ref.path("properties").path("name").path("type").asString());
    assertEquals("[\"a\",\"b\"]", s.path("properties").path("local").path("enum").toString());
  }

  @Test
  void branchesAddFieldsButNoConstraints() {
    JsonNode s = v3("""
        {"type": "object", "additionalProperties": false, "required": ["a"],
         "properties": {"a": {"type": "string"}},
         "oneOf": [{"required": ["b"], "properties": {"b": {"type": "integer", "minimum": 1}}},
                   {"required": ["c"], "properties": {"c": {"type": "boolean"}}}],
         "allOf": [{"required": ["d"], "properties": {"d": {"type": "string"}}}],
         "if": {"required": ["a"]}, "then": {"not": {"required": ["d"]}}}
        """, "{}");
    assertEquals("[\"a\",\"d\"]", s.path("required").toString());
    assertEquals("integer", s.path("properties").path("b").path("type").asString());
    assertFalse(s.path("properties").path("b").has("minimum"), s::toString);
    assertTrue(s.path("properties").has("c"));
  }

  @Test
  void openObjectsKeepFieldsOnlyInV3AndQuantitiesTakeAnyType() {
    String kind = """
        {"type": "object", "additionalProperties": false,
         "properties": {"open": {"type": "object", "properties": {"x": {"type": "string"}}},
           "map": {"type": "object", "additionalProperties": {"type": "string"}},
           "q": {"type": ["integer", "number", "string"]},
           "list": {"type": "array"}}}
        """;
    Map<String, JsonNode> docs = Map.of(BASE + "g/v1/K.json", JSON.readTree(kind));
    Shape shape = new SchemaFlattener(docs::get).flatten(BASE + "g/v1/K.json");
    JsonNode v2 = shape.toOpenApi(true).path("properties");
    JsonNode v3 = shape.toOpenApi(false).path("properties");
    assertFalse(v2.path("open").has("properties"), v2::toString);
    assertTrue(v3.path("open").path("properties").has("x"));
    assertTrue(v3.path("open").path("x-kubernetes-preserve-unknown-fields").asBoolean());
    assertEquals("string", v2.path("map").path("additionalProperties").path("type").asString());
    assertTrue(v2.path("q").path("x-kubernetes-int-or-string").asBoolean());
    assertFalse(v2.path("q").has("type"));
    assertTrue(v2.path("list").path("items").isObject(), "every array has items");
  }

  @Test
  void aCycleIsCutWithAnOpenObject() {
    JsonNode s = v3("""
        {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object",
          "additionalProperties": false,
          "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
        """, "{}");
    JsonNode child = s.path("properties").path("children").path("items");
    assertTrue(child.path("x-kubernetes-preserve-unknown-fields").asBoolean(), s::toString);
  }

  @Test
  void anUnresolvableRefIsAnError() {
    assertThrows(IllegalArgumentException.class,
        () -> v3("{\"$ref\": \"../../common/types.json#/$defs/missing\"}", "{}"));
  }
}
