package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI documents of the embedded cluster, fetched over HTTP as kubectl fetches them. */
class OpenApiTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String AGENT = "io.kubeopencode.v1alpha1.Agent";
  static EmbeddedCluster cluster;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void v3IndexListsEveryCustomGroupVersionWithAHashedUrl() throws Exception {
    JsonNode paths = json(cluster, "/openapi/v3", "application/json").path("paths");
    for (String gv : List.of("apis/kubeopencode.io/v1alpha1", "apis/komputer.komputer.ai/v1alpha1",
        "apis/kagents.dev/v1alpha1", "apis/claude.amcheste.io/v1alpha1")) {
      String url = paths.path(gv).path("serverRelativeURL").asString();
      assertTrue(url.matches("/openapi/v3/" + gv + "\\?hash=[0-9A-F]{128}"), gv + ": " + url);
      assertEquals("3.0.0", json(cluster, url, "application/json").path("openapi").asString());
    }
    assertFalse(paths.has("api/v1"), "built-in kinds are not published: " + paths);
  }

  @Test
  void v3DocumentDescribesTheKindAsItsSchemaDoes() throws Exception {
    JsonNode doc = json(cluster, "/openapi/v3/apis/kubeopencode.io/v1alpha1", "application/json");
    JsonNode agent = doc.path("components").path("schemas").path(AGENT);
    assertEquals("{\"group\":\"kubeopencode.io\",\"kind\":\"Agent\",\"version\":\"v1alpha1\"}",
        agent.path("x-kubernetes-group-version-kind").get(0).toString());
    assertTrue(agent.path("description").asString().startsWith("A persistent OpenCode server"));
    JsonNode spec = agent.path("properties").path("spec");
    assertEquals("Working directory inside the agent container (absolute path).",
        spec.path("properties").path("workspaceDir").path("description").asString());
    assertEquals("integer", spec.path("properties").path("port").path("type").asString());
    assertEquals(4096, spec.path("properties").path("port").path("default").asInt());
    assertEquals("[\"spec\"]", agent.path("required").toString());
    assertTrue(agent.path("properties").path("status")
        .path("x-kubernetes-preserve-unknown-fields").asBoolean());

    JsonNode item = doc.path("paths").path(
        "/apis/kubeopencode.io/v1alpha1/namespaces/{namespace}/agents/{name}");
    assertEquals("Agent", item.path("get").path("x-kubernetes-group-version-kind").path("kind")
        .asString());
    JsonNode patch = item.path("patch");
    assertEquals("Agent", patch.path("x-kubernetes-group-version-kind").path("kind").asString());
    assertFalse(patch.has("parameters"), "no fieldValidation: kubectl validates itself");
    List<String> types = new ArrayList<>(patch.path("requestBody").path("content").propertyNames());
    assertEquals(List.of("application/json-patch+json", "application/merge-patch+json",
        "application/apply-patch+yaml"), types);
  }

  @Test
  void v2PublishesFieldsOnlyOfClosedObjects() throws Exception {
    JsonNode v2 = json(cluster, "/openapi/v2", "application/json");
    assertEquals("2.0", v2.path("swagger").asString());
    JsonNode spec = v2.path("definitions").path(AGENT).path("properties").path("spec");
    assertTrue(spec.path("properties").has("workspaceDir"), spec::toString);
    JsonNode config = spec.path("properties").path("config"); // schemaless mapping
    assertEquals("object", config.path("type").asString());
    assertFalse(config.has("properties"), config::toString);
    JsonNode podSpec = v2.path("definitions").path("ai.komputer.komputer.v1alpha1.KomputerAgent");
    assertTrue(podSpec.path("x-kubernetes-group-version-kind").isArray(), podSpec::toString);
  }

  @Test
  void v2AsProtobufWhenAsked() throws Exception {
    HttpResponse<byte[]> r = get(cluster, "/openapi/v2", OpenApiProto.MEDIA_TYPE.replace(
        "v2.v1.0", "v2@v1.0"));
    assertEquals(200, r.statusCode());
    assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
        r.headers().firstValue("Content-Type").orElse(""));
    Map<Integer, List<byte[]>> doc = fields(r.body());
    assertEquals("2.0", text(doc.get(1).get(0)));
    Map<String, byte[]> definitions = new LinkedHashMap<>();
    for (byte[] named : fields(doc.get(9).get(0)).get(1)) {
      Map<Integer, List<byte[]>> f = fields(named);
      definitions.put(text(f.get(1).get(0)), f.get(2).get(0));
    }
    assertTrue(definitions.containsKey(AGENT), () -> definitions.keySet().toString());
    Map<Integer, List<byte[]>> agent = fields(definitions.get(AGENT));
    assertEquals("object", text(fields(agent.get(22).get(0)).get(1).get(0)));
    List<String> extensions = new ArrayList<>();
    for (byte[] named : agent.get(31)) {
      Map<Integer, List<byte[]>> f = fields(named);
      extensions.add(text(f.get(1).get(0)) + "=" + text(fields(f.get(2).get(0)).get(2).get(0)));
    }
    assertEquals(List.of("x-kubernetes-group-version-kind=[{\"group\":\"kubeopencode.io\","
        + "\"kind\":\"Agent\",\"version\":\"v1alpha1\"}]"), extensions);
    List<String> fieldNames = new ArrayList<>();
    for (byte[] named : fields(agent.get(25).get(0)).get(1)) {
      fieldNames.add(text(fields(named).get(1).get(0)));
    }
    assertEquals(List.of("apiVersion", "kind", "metadata", "spec", "status"), fieldNames);
  }

  @Test
  void schemaDirKindsAndLaterCrdsArePublished(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("example.dev/v1"));
    Files.writeString(dir.resolve("Widget.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$id": "https://roster.dev/schema/example.dev/v1/Widget.json",
         "type": "object", "additionalProperties": false,
         "properties": {"metadata": {"$ref": "../../common/objectmeta.json"},
           "spec": {"type": "object", "additionalProperties": false,
             "properties": {"speed": {"type": "integer", "description": "How fast."}}}}}
        """);
    Files.writeString(dir.resolve("Widget.profile.yaml"), "scope: Namespaced\n");
    try (EmbeddedCluster own = EmbeddedCluster.start(0, SchemaCatalog.load(List.of(tmp)))) {
      JsonNode index = json(own, "/openapi/v3", "application/json");
      JsonNode widget = json(own, "/openapi/v3/apis/example.dev/v1", "application/json")
          .path("components").path("schemas").path("dev.example.v1.Widget");
      assertEquals("How fast.", widget.path("properties").path("spec").path("properties")
          .path("speed").path("description").asString());

      CustomResourceDefinition gadget = CatalogCrds.crd("example.dev", "Gadget", List.of("v1"),
          Profile.Scope.CLUSTER);
      own.client().apiextensions().v1().customResourceDefinitions().resource(gadget).create();
      JsonNode after = json(own, "/openapi/v3", "application/json");
      assertNotEquals(index.path("paths").path("apis/example.dev/v1").toString(),
          after.path("paths").path("apis/example.dev/v1").toString());
      JsonNode doc = json(own, "/openapi/v3/apis/example.dev/v1", "application/json");
      assertTrue(doc.path("paths").has("/apis/example.dev/v1/gadgets/{name}"), doc::toString);
      assertTrue(doc.path("components").path("schemas").path("dev.example.v1.Gadget")
          .path("x-kubernetes-preserve-unknown-fields").asBoolean());
    }
  }

  @Test
  void unknownGroupVersionIsNotFound() throws Exception {
    assertEquals(404, get(cluster, "/openapi/v3/apis/nope.dev/v1", "application/json")
        .statusCode());
  }

  static JsonNode json(EmbeddedCluster c, String path, String accept) throws Exception {
    HttpResponse<byte[]> r = get(c, path, accept);
    assertEquals(200, r.statusCode(), path);
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  static HttpResponse<byte[]> get(EmbeddedCluster c, String path, String accept)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(c.url() + path)).header("Accept", accept)
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The length-delimited fields of a protobuf message by number (other wire types skipped). */
  static Map<Integer, List<byte[]>> fields(byte[] message) {
    Map<Integer, List<byte[]>> out = new LinkedHashMap<>();
    int[] at = {0};
    while (at[0] < message.length) {
      long tag = varint(message, at);
      int wire = (int) (tag & 7);
      if (wire == 0) {
        varint(message, at);
      } else if (wire == 1) {
        at[0] += 8;
      } else if (wire == 2) {
        int len = (int) varint(message, at);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(message, at[0], len);
        at[0] += len;
        out.computeIfAbsent((int) (tag >>> 3), k -> new ArrayList<>()).add(b.toByteArray());
      } else {
        throw new AssertionError("unexpected wire type " + wire);
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] at) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[at[0]++];
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
