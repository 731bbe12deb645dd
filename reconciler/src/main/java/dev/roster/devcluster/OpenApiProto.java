package dev.roster.devcluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAPI v2 document in the protobuf form kubectl asks for first and, through client-go's
 * discovery client, accepts only ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}:
 * the {@code openapi.v2.Document} message of gnostic's {@code OpenAPIv2.proto}). Encodes the
 * subset {@link OpenApiDocs#v2} writes: info, paths with get/put/post/delete/patch operations
 * (description, operationId, consumes, produces, responses, vendor extensions) and definitions
 * with the schema fields {@link Shape} writes. Vendor extensions, defaults and enum values are
 * {@code Any} messages holding the value as YAML (JSON text, which YAML reads), as kube-openapi
 * reads them. Field numbers are those of gnostic's proto; a field it lacks is left out.
 */
final class OpenApiProto {
  /**
   * The Content-Type of the answer: the type kubectl asks for with {@code .} for {@code @}, as API
   * servers send it (Go's mime parser refuses the {@code @}).
   */
  static final String MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  private static final Map<String, Integer> OPERATIONS =
      Map.of("get", 2, "put", 3, "post", 4, "delete", 5, "patch", 8);
  private static final Map<String, Integer> INTEGERS = Map.of("maxLength", 11, "minLength", 12,
      "maxItems", 14, "minItems", 15, "maxProperties", 17, "minProperties", 18);

  private OpenApiProto() {}

  /** The protobuf bytes of a v2 document. */
  static byte[] encode(JsonNode doc) {
    Writer w = new Writer();
    w.string(1, text(doc, "swagger"));
    w.message(2, new Writer().string(1, text(doc.path("info"), "title"))
        .string(2, text(doc.path("info"), "version")));
    Writer paths = new Writer();
    for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
      Writer item = new Writer();
      OPERATIONS.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(op -> {
        if (p.getValue().has(op.getKey())) {
          item.message(op.getValue(), operation(p.getValue().get(op.getKey())));
        }
      });
      paths.message(2, new Writer().string(1, p.getKey()).message(2, item));
    }
    w.message(8, paths);
    Writer definitions = new Writer();
    for (Map.Entry<String, JsonNode> d : doc.path("definitions").properties()) {
      definitions.message(1, new Writer().string(1, d.getKey()).message(2, schema(d.getValue())));
    }
    return w.message(9, definitions).bytes();
  }

  private static Writer operation(JsonNode op) {
    Writer w = new Writer().string(3, text(op, "description"))
        .string(5, text(op, "operationId"));
    op.path("produces").values().forEach(v -> w.string(6, v.asString()));
    op.path("consumes").values().forEach(v -> w.string(7, v.asString()));
    Writer responses = new Writer();
    for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
      String description = text(r.getValue(), "description");
      Writer response = new Writer().string(1, description == null ? "" : description);
      if (r.getValue().has("schema")) {
        response.message(2, new Writer().message(1, schema(r.getValue().get("schema"))));
      }
      responses.message(1, new Writer().string(1, r.getKey())
          .message(2, new Writer().message(1, response)));
    }
    w.message(9, responses);
    extensions(w, 13, op);
    return w;
  }

  private static Writer schema(JsonNode s) {
    Writer w = new Writer().string(1, text(s, "$ref"))
        .string(2, text(s, "format"))
        .string(4, text(s, "description"));
    if (s.has("default")) {
      w.message(5, any(s.get("default")));
    }
    if (s.path("maximum").isNumber()) {
      w.dbl(7, s.get("maximum").asDouble());
    }
    if (s.path("minimum").isNumber()) {
      w.dbl(9, s.get("minimum").asDouble());
    }
    INTEGERS.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
      if (s.path(e.getKey()).isIntegralNumber()) {
        w.int64(e.getValue(), s.get(e.getKey()).asLong());
      }
    });
    w.string(13, text(s, "pattern"));
    s.path("required").values().forEach(r -> w.string(19, r.asString()));
    s.path("enum").values().forEach(e -> w.message(20, any(e)));
    JsonNode additional = s.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      w.message(21, new Writer().message(1, schema(additional)));
    } else if (additional != null && additional.isBoolean()) {
      w.message(21, new Writer().bool(2, additional.booleanValue()));
    }
    if (s.path("type").isString()) {
      w.message(22, new Writer().string(1, s.get("type").asString()));
    }
    if (s.path("items").isObject()) {
      w.message(23, new Writer().message(1, schema(s.get("items"))));
    }
    s.path("allOf").values().forEach(a -> w.message(24, schema(a)));
    if (s.path("properties").isObject()) {
      Writer props = new Writer();
      for (Map.Entry<String, JsonNode> p : s.get("properties").properties()) {
        props.message(1, new Writer().string(1, p.getKey()).message(2, schema(p.getValue())));
      }
      w.message(25, props);
    }
    extensions(w, 31, s);
    return w;
  }

  private static void extensions(Writer w, int field, JsonNode node) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().startsWith("x-")) {
        w.message(field, new Writer().string(1, e.getKey()).message(2, any(e.getValue())));
      }
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  /** {@code openapi.v2.Any} with the value as YAML (field 2). */
  private static Writer any(JsonNode value) {
    return new Writer().string(2, value.toString());
  }

  /** Protocol buffers wire format: tags, varints, 64-bit doubles and length-delimited fields. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer string(int field, String s) {
      if (s != null) {
        bytes(field, s.getBytes(StandardCharsets.UTF_8));
      }
      return this;
    }

    Writer bool(int field, boolean b) {
      tag(field, 0);
      varint(b ? 1 : 0);
      return this;
    }

    Writer int64(int field, long v) {
      tag(field, 0);
      varint(v);
      return this;
    }

    Writer dbl(int field, double v) {
      tag(field, 1);
      long bits = Double.doubleToLongBits(v);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
      return this;
    }

    Writer message(int field, Writer m) {
      return bytes(field, m.bytes());
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private Writer bytes(int field, byte[] b) {
      tag(field, 2);
      varint(b.length);
      out.writeBytes(b);
      return this;
    }

    private void tag(int field, int wireType) {
      varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
