package dev.roster.devcluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI documents of the served custom kinds, in the forms a real API server publishes for
 * CRDs: one v2 document ({@code definitions} and {@code paths}) and one v3 document per group
 * version ({@code components.schemas} and {@code paths}). Each kind's schema carries {@code
 * x-kubernetes-group-version-kind}, standard {@code apiVersion}, {@code kind} and {@code metadata}
 * fields and a free-form {@code status}; its object path carries {@code get} and {@code patch}
 * operations tagged with the kind, which is how kubectl finds a kind in them.
 *
 * <p>The {@code patch} operations list no {@code fieldValidation} parameter and no strategic merge
 * patch: kubectl then validates on its side, against the v2 schema (this server validates
 * nothing), and sends JSON merge patches, as for any custom resource.
 */
final class OpenApiDocs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String API_CONVENTIONS =
      "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md";

  /** A published kind: its discovery entry and its structural schema. */
  record Kind(ApiType type, Shape shape) {}

  private OpenApiDocs() {}

  /** The v2 document of all kinds. */
  static ObjectNode v2(List<Kind> kinds) {
    ObjectNode doc = NODES.objectNode().put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", Discovery.GIT_VERSION);
    ObjectNode paths = doc.putObject("paths");
    ObjectNode definitions = doc.putObject("definitions");
    for (Kind k : kinds) {
      String name = definitionName(k.type());
      definitions.set(name, schema(k, true));
      paths.set(objectPath(k.type()), operations(k.type(), "#/definitions/" + name, true));
    }
    return doc;
  }

  /** The v3 documents by discovery path ({@code apis/GROUP/VERSION}), sorted. */
  static Map<String, ObjectNode> v3(List<Kind> kinds) {
    Map<String, List<Kind>> byGv = new LinkedHashMap<>();
    List<Kind> sorted = new ArrayList<>(kinds);
    sorted.sort((a, b) -> a.type().groupVersion().compareTo(b.type().groupVersion()));
    for (Kind k : sorted) {
      byGv.computeIfAbsent(apiPrefix(k.type()).substring(1), x -> new ArrayList<>()).add(k);
    }
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    byGv.forEach((gv, list) -> {
      ObjectNode doc = NODES.objectNode().put("openapi", "3.0.0");
      doc.putObject("info").put("title", "Kubernetes").put("version", Discovery.GIT_VERSION);
      ObjectNode paths = doc.putObject("paths");
      ObjectNode schemas = doc.putObject("components").putObject("schemas");
      for (Kind k : list) {
        String name = definitionName(k.type());
        schemas.set(name, schema(k, false));
        paths.set(objectPath(k.type()),
            operations(k.type(), "#/components/schemas/" + name, false));
      }
      out.put(gv, doc);
    });
    return Collections.unmodifiableMap(out);
  }

  /** {@code io.kubeopencode.v1alpha1.Agent}: the group reversed, as API servers name CRDs. */
  static String definitionName(ApiType t) {
    List<String> parts = new ArrayList<>(List.of(t.group().split("\\.")));
    Collections.reverse(parts);
    return String.join(".", parts) + "." + t.version() + "." + t.kind();
  }

  private static ObjectNode schema(Kind k, boolean v2) {
    ObjectNode s = k.shape().toOpenApi(v2);
    if (s.get("properties") instanceof ObjectNode props) {
      props.set("apiVersion", field("string", "APIVersion defines the versioned schema of this"
          + " representation of an object. More info: " + API_CONVENTIONS + "#resources"));
      props.set("kind", field("string", "Kind is a string value representing the REST resource"
          + " this object represents. More info: " + API_CONVENTIONS + "#types-kinds"));
      props.set("metadata", open(field("object", "Standard object's metadata. More info: "
          + API_CONVENTIONS + "#metadata"), v2));
      if (props.has("status")) {
        String d = props.get("status").path("description").asString(
            "Written by the platform's controller.");
        props.set("status", open(field("object", d), v2));
      }
      if (s.get("required") instanceof tools.jackson.databind.node.ArrayNode req) {
        req.removeIf(r -> List.of("apiVersion", "kind", "metadata").contains(r.asString()));
        if (req.isEmpty()) {
          s.remove("required");
        }
      }
    }
    s.putArray("x-kubernetes-group-version-kind").add(gvk(k.type()));
    return s;
  }

  private static ObjectNode field(String type, String description) {
    return NODES.objectNode().put("description", description).put("type", type);
  }

  private static ObjectNode open(ObjectNode s, boolean v2) {
    return v2 ? s : s.put("x-kubernetes-preserve-unknown-fields", true);
  }

  private static ObjectNode gvk(ApiType t) {
    return NODES.objectNode().put("group", t.group()).put("kind", t.kind())
        .put("version", t.version());
  }

  private static String apiPrefix(ApiType t) {
    return t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.group() + "/" + t.version();
  }

  /** {@code /apis/G/V[/namespaces/{namespace}]/PLURAL/{name}}. */
  static String objectPath(ApiType t) {
    return apiPrefix(t) + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural()
        + "/{name}";
  }

  private static ObjectNode operations(ApiType t, String ref, boolean v2) {
    ObjectNode item = NODES.objectNode();
    item.set("get", operation(t, "read", "get", ref, v2));
    ObjectNode patch = operation(t, "patch", "patch", ref, v2);
    List<String> patchTypes = List.of("application/json-patch+json",
        "application/merge-patch+json", "application/apply-patch+yaml");
    if (v2) {
      patch.putArray("consumes").addAll(patchTypes.stream().map(NODES::stringNode).toList());
    } else {
      ObjectNode content = patch.putObject("requestBody").putObject("content");
      patchTypes.forEach(p -> content.putObject(p).putObject("schema").put("type", "object"));
    }
    item.set("patch", patch);
    return item;
  }

  private static ObjectNode operation(ApiType t, String verb, String action, String ref,
      boolean v2) {
    String scope = t.namespaced() ? "Namespaced" : "";
    ObjectNode op = NODES.objectNode()
        .put("description", verb + " the specified " + t.kind())
        .put("operationId", verb + scope + t.kind());
    op.put("x-kubernetes-action", action);
    op.set("x-kubernetes-group-version-kind", gvk(t));
    ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
    if (v2) {
      ok.putObject("schema").put("$ref", ref);
    } else {
      ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref);
    }
    return op;
  }
}
