package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What kubectl reads before it does anything, fetched with a plain HTTP client. */
class DiscoveryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
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
  void version() throws Exception {
    JsonNode v = get("/version");
    assertEquals("1", v.path("major").asText());
    assertTrue(v.path("gitVersion").asText().startsWith("v1."));
  }

  @Test
  void coreApi() throws Exception {
    JsonNode api = get("/api");
    assertEquals("APIVersions", api.path("kind").asText());
    assertEquals("v1", api.path("versions").get(0).asText());

    JsonNode v1 = get("/api/v1");
    assertEquals("APIResourceList", v1.path("kind").asText());
    assertEquals("v1", v1.path("groupVersion").asText());
    JsonNode cm = resource(v1, "configmaps");
    assertEquals("ConfigMap", cm.path("kind").asText());
    assertTrue(cm.path("namespaced").asBoolean());
    assertEquals("cm", cm.path("shortNames").get(0).asText());
    assertTrue(texts(cm.path("verbs")).containsAll(List.of("get", "list", "watch", "patch")));
    assertFalse(resource(v1, "namespaces").path("namespaced").asBoolean());
    for (String r : List.of("secrets", "serviceaccounts", "events", "pods")) {
      assertTrue(resource(v1, r).path("namespaced").asBoolean(), r);
    }
  }

  @Test
  void groups() throws Exception {
    JsonNode apis = get("/apis");
    assertEquals("APIGroupList", apis.path("kind").asText());
    List<String> names = new ArrayList<>();
    apis.path("groups").forEach(g -> names.add(g.path("name").asText()));
    assertTrue(names.containsAll(List.of("kubeopencode.io", "komputer.komputer.ai",
        "kagents.dev", "claude.amcheste.io", "coordination.k8s.io", "apiextensions.k8s.io")),
        names::toString);
    JsonNode koc = get("/apis/kubeopencode.io");
    assertEquals("kubeopencode.io/v1alpha1",
        koc.path("preferredVersion").path("groupVersion").asText());
  }

  @Test
  void customGroupVersion() throws Exception {
    JsonNode list = get("/apis/kubeopencode.io/v1alpha1");
    assertEquals("kubeopencode.io/v1alpha1", list.path("groupVersion").asText());
    JsonNode agent = resource(list, "agents");
    assertEquals("Agent", agent.path("kind").asText());
    assertEquals("agent", agent.path("singularName").asText());
    assertTrue(agent.path("namespaced").asBoolean());
    assertEquals("ag", agent.path("shortNames").get(0).asText());
    assertFalse(resource(list, "kubeopencodeconfigs").path("namespaced").asBoolean());

    JsonNode komputer = get("/apis/komputer.komputer.ai/v1alpha1");
    assertEquals("KomputerMemory", resource(komputer, "komputermemories").path("kind").asText());
    assertFalse(resource(komputer, "komputerconfigs").path("namespaced").asBoolean());
  }

  @Test
  void notFoundAndNotAllowed() throws Exception {
    assertEquals(404, send("GET", "/apis/nope.example.com/v1").statusCode());
    assertEquals(404, send("GET", "/nonsense").statusCode());
    assertEquals(405, send("DELETE", "/apis/kubeopencode.io/v1alpha1").statusCode());
    assertEquals(200, send("GET", "/healthz").statusCode());
    // the DELETE above must not have wiped the group's CRDs' discovery
    assertNotNull(resource(get("/apis/kubeopencode.io/v1alpha1"), "tasks"));
  }

  @Test
  void listsAndErrorsLookLikeAnApiServers() throws Exception {
    JsonNode namespaces = get("/api/v1/namespaces");
    assertEquals("NamespaceList", namespaces.path("kind").asText());
    assertEquals("v1", namespaces.path("apiVersion").asText());
    JsonNode agents = get("/apis/kubeopencode.io/v1alpha1/namespaces/x/agents");
    assertEquals("AgentList", agents.path("kind").asText());
    assertEquals("kubeopencode.io/v1alpha1", agents.path("apiVersion").asText());

    HttpResponse<String> missing = send("GET", "/api/v1/namespaces/default/configmaps/nope");
    assertEquals(404, missing.statusCode());
    JsonNode status = JSON.readTree(missing.body());
    assertEquals("Status", status.path("kind").asText());
    assertEquals("NotFound", status.path("reason").asText());
    assertEquals("configmaps \"nope\" not found", status.path("message").asText());

    String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}";
    assertEquals(201, post("/api/v1/namespaces/x/configmaps", cm).statusCode());
    HttpResponse<String> dup = post("/api/v1/namespaces/x/configmaps", cm);
    assertEquals(409, dup.statusCode());
    assertEquals("AlreadyExists", JSON.readTree(dup.body()).path("reason").asText());
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void collectionPaths() {
    assertEquals(List.of("v1", "namespaces"), List.of(Responses.collection("/api/v1/namespaces")));
    assertEquals(List.of("v1", "configmaps"),
        List.of(Responses.collection("/api/v1/namespaces/a/configmaps")));
    assertEquals(List.of("g.io/v1", "things"),
        List.of(Responses.collection("/apis/g.io/v1/things")));
    assertEquals(null, Responses.collection("/api/v1/namespaces/a"));
    assertEquals(null, Responses.collection("/apis/g.io/v1/namespaces/a/things/b"));
  }

  static JsonNode resource(JsonNode list, String name) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no resource " + name + " in " + list);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(cluster.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }
}
