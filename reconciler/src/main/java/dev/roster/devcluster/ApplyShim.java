package dev.roster.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Stand-in for server-side apply, which fabric8's mock lacks (it answers 404 or 415). <b>This is
 * not real SSA</b>: there are no field managers, no managedFields, no conflicts, and nothing is
 * merged. An apply PATCH ({@code Content-Type: application/apply-patch+yaml}) creates the object
 * if it is absent (201) and otherwise replaces it whole (200) — unconditionally (the applied
 * resourceVersion is ignored), keeping uid, creationTimestamp and status; generation rises when
 * the spec changes. So a field, label or annotation left out of the applied object is removed,
 * which is real SSA's outcome for a single field manager that owns every field — Roster's case.
 * Finalizers and other fields a controller would own are replaced too. Applies to {@code
 * .../status} replace the status of an existing object.
 */
final class ApplyShim {
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private final KubernetesCrudDispatcher store;
  private final Object lock = new Object();

  ApplyShim(KubernetesCrudDispatcher store) {
    this.store = store;
  }

  static boolean isApply(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(APPLY_PATCH);
  }

  MockResponse apply(RecordedRequest request) {
    String path = EmbeddedDispatcher.bare(request.getPath());
    boolean statusPath = path.endsWith("/status");
    String objectPath = statusPath ? path.substring(0, path.length() - "/status".length()) : path;
    String name = objectPath.substring(objectPath.lastIndexOf('/') + 1);
    ObjectNode desired;
    try {
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      JsonNode node = Serialization.unmarshal(new String(body, StandardCharsets.UTF_8),
          JsonNode.class);
      if (!(node instanceof ObjectNode o)) {
        return Discovery.status(400, "BadRequest", "the applied body is not an object");
      }
      desired = o;
    } catch (RuntimeException e) {
      return Discovery.status(400, "BadRequest",
          "cannot parse the applied body: " + e.getMessage());
    }
    ObjectNode meta = desired.withObjectProperty("metadata");
    String given = meta.path("name").asText("");
    if (!given.isEmpty() && !name.equals(given)) {
      return Discovery.status(400, "BadRequest", "the name of the object (" + given
          + ") does not match the name on the URL (" + name + ")");
    }
    meta.put("name", name);
    meta.remove("resourceVersion");
    meta.remove("managedFields");
    String namespace = namespaceOf(objectPath);
    given = meta.path("namespace").asText("");
    if (namespace == null) {
      meta.remove("namespace"); // cluster-scoped: a real server ignores it
    } else if (!given.isEmpty() && !given.equals(namespace)) {
      return Discovery.status(400, "BadRequest", "the namespace of the object (" + given
          + ") does not match the namespace on the URL (" + namespace + ")");
    } else {
      meta.put("namespace", namespace);
    }
    synchronized (lock) {
      MockResponse current = store.handleGet(objectPath);
      if (current.code() == 404) {
        if (statusPath) {
          return current;
        }
        String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
        return store.handleCreate(rewrite(request, HttpMethod.POST, collection, desired));
      }
      JsonNode stored = Serialization.unmarshal(current.getBody().readUtf8(), JsonNode.class);
      if (!statusPath && !desired.has("status") && stored.has("status")) {
        desired.set("status", stored.get("status"));
      }
      return store.handleUpdate(rewrite(request, HttpMethod.PUT, path, desired));
    }
  }

  /** The namespace in an object path, or null if the path is cluster-scoped. */
  static String namespaceOf(String objectPath) {
    String[] seg = objectPath.split("/");
    int rest = objectPath.startsWith("/apis/") ? 4 : 3;
    return seg.length - rest >= 4 && "namespaces".equals(seg[rest]) ? seg[rest + 1] : null;
  }

  private static RecordedRequest rewrite(RecordedRequest original, HttpMethod method, String path,
      JsonNode body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest(original.getHttpVersion(), method, path, headers,
        new Buffer(Serialization.asJson(body).getBytes(StandardCharsets.UTF_8)));
  }
}
