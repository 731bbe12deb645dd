package dev.roster.devcluster;

import dev.roster.validate.KindId;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI endpoints: {@code GET /openapi/v2} (protobuf when the client accepts it, as kubectl
 * does, else JSON), {@code /openapi/v3} (the list of group versions, each with a content-hashed
 * URL) and {@code /openapi/v3/apis/GROUP/VERSION}. They publish every served version of every
 * CRD: with the kind's JSON Schema from the catalog (bundled and {@code --schema-dir}) flattened
 * by {@link SchemaFlattener} when Roster knows the kind, else with the CRD's own schema. Built
 * kinds (the {@code /api/v1} group) are not published; kubectl skips validating them, as it does
 * for any kind a server does not describe. Documents are rebuilt only when the CRDs change.
 */
final class OpenApi {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Built(String crds, byte[] v2Json, byte[] v2Proto, Map<String, byte[]> v3,
      byte[] v3Index) {}

  private final SchemaCatalog catalog;
  private volatile Built built = new Built(null, null, null, Map.of(), null);

  OpenApi(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The answer to {@code GET path} under {@code /openapi/}; {@code crdList} is the stored CRD
   * list as JSON, {@code crds} its parsed items.
   */
  MockResponse answer(String path, String accept, String crdList,
      List<CustomResourceDefinition> crds) {
    Built b = built(crdList, crds);
    String p = EmbeddedDispatcher.bare(path);
    if ("/openapi/v2".equals(p)) {
      boolean proto = accept != null && accept.contains("protobuf");
      return new MockResponse().setResponseCode(200)
          .setHeader("Content-Type", proto ? OpenApiProto.MEDIA_TYPE : "application/json")
          .setBody(proto ? b.v2Proto() : b.v2Json());
    }
    if ("/openapi/v3".equals(p)) {
      return json(b.v3Index());
    }
    byte[] doc = p.startsWith("/openapi/v3/") ? b.v3().get(p.substring("/openapi/v3/".length()))
        : null;
    return doc == null ? Discovery.notFound(p) : json(doc);
  }

  private static MockResponse json(byte[] body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private Built built(String crdList, List<CustomResourceDefinition> crds) {
    Built b = built;
    if (crdList != null && crdList.equals(b.crds())) {
      return b;
    }
    List<OpenApiDocs.Kind> kinds = kinds(crds);
    Map<String, byte[]> v3 = new LinkedHashMap<>();
    ObjectNode index = JSON.createObjectNode();
    ObjectNode paths = index.putObject("paths");
    OpenApiDocs.v3(kinds).forEach((gv, doc) -> {
      byte[] bytes = JSON.writeValueAsBytes(doc);
      v3.put(gv, bytes);
      paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + sha(bytes));
    });
    ObjectNode v2 = OpenApiDocs.v2(kinds);
    b = new Built(crdList, JSON.writeValueAsBytes(v2), OpenApiProto.encode(v2), Map.copyOf(v3),
        JSON.writeValueAsBytes(index));
    built = b;
    return b;
  }

  private List<OpenApiDocs.Kind> kinds(List<CustomResourceDefinition> crds) {
    List<OpenApiDocs.Kind> out = new ArrayList<>();
    for (CustomResourceDefinition crd : crds) {
      List<ApiType> types = ApiType.of(crd);
      for (ApiType t : types) {
        out.add(new OpenApiDocs.Kind(t, shape(crd, t)));
      }
    }
    return out;
  }

  /** The catalog's schema of the kind if it has one, else the CRD's, else an open object. */
  private Shape shape(CustomResourceDefinition crd, ApiType t) {
    SchemaFlattener flattener = new SchemaFlattener(catalog::rawSchema);
    try {
      var id = catalog.schemaId(new KindId(t.group(), t.version(), t.kind()));
      if (id.isPresent()) {
        return flattener.flatten(id.get());
      }
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        if (v.getName().equals(t.version()) && v.getSchema() != null
            && v.getSchema().getOpenAPIV3Schema() != null) {
          JsonNode node = JSON.readTree(Serialization.asJson(v.getSchema().getOpenAPIV3Schema()));
          return flattener.flatten(node, "https://roster.dev/crd/" + crd.getMetadata().getName());
        }
      }
    } catch (IllegalArgumentException e) {
      // an unresolvable $ref: publish the kind as an open object rather than fail every kind
    }
    Shape open = new Shape();
    open.type("object");
    open.open = true;
    return open;
  }

  private static String sha(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(
          MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
