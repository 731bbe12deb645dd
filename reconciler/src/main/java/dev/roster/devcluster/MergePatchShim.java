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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JSON merge patch (RFC 7386) done right, and strategic merge patch approximated by it. The mock
 * stores {@code null} where RFC 7386 deletes the key, and answers 415 to strategic merge patch
 * (so {@code kubectl patch} and client-side {@code kubectl apply} fail on built-in kinds). Here
 * the patch is merged into the stored object and written back with a PUT carrying the stored
 * resourceVersion, retried if another write came in between — or 409 if the patch itself names a
 * stale resourceVersion. Strategic merge is approximated: lists are replaced, not merged by key,
 * and {@code $}-directives ({@code $patch}, {@code $setElementOrder/...}, {@code $retainKeys})
 * are dropped.
 */
final class MergePatchShim {
  static final String MERGE = "application/merge-patch+json";
  static final String STRATEGIC = "application/strategic-merge-patch+json";
  private static final int ATTEMPTS = 5;

  private final KubernetesCrudDispatcher store;

  MergePatchShim(KubernetesCrudDispatcher store) {
    this.store = store;
  }

  static boolean isMergePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    return t.startsWith(MERGE) || t.startsWith(STRATEGIC);
  }

  MockResponse patch(RecordedRequest request) {
    String path = EmbeddedDispatcher.bare(request.getPath());
    String objectPath = path.endsWith("/status")
        ? path.substring(0, path.length() - "/status".length()) : path;
    JsonNode patch;
    try {
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      patch = Serialization.jsonMapper().readTree(body);
    } catch (java.io.IOException | RuntimeException e) {
      return Discovery.status(400, "BadRequest", "cannot parse the patch: " + e.getMessage());
    }
    boolean pinned = !patch.path("metadata").path("resourceVersion").asText("").isEmpty();
    MockResponse last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      MockResponse current = store.handleGet(objectPath);
      if (current.code() != 200) {
        return current;
      }
      JsonNode stored = Serialization.unmarshal(current.getBody().readUtf8(), JsonNode.class);
      JsonNode merged = merge(stored.deepCopy(), patch);
      if (!pinned && merged.path("metadata") instanceof ObjectNode meta) {
        meta.put("resourceVersion", stored.path("metadata").path("resourceVersion").asText());
      }
      Headers headers = Headers.builder().add("Content-Type", "application/json").build();
      last = store.handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path,
          headers, new Buffer(Serialization.asJson(merged).getBytes(StandardCharsets.UTF_8))));
      if (last.code() != 409 || pinned) {
        return last;
      }
    }
    return last;
  }

  /** RFC 7386 MergePatch(target, patch), ignoring keys that start with {@code $}. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode out = target != null && target.isObject()
        ? (ObjectNode) target : Serialization.jsonMapper().createObjectNode();
    List<String> names = new ArrayList<>();
    patch.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = patch.get(name);
      if (name.startsWith("$")) {
        continue;
      }
      if (value.isNull()) {
        out.remove(name);
      } else {
        out.set(name, merge(out.get(name), value));
      }
    }
    return out;
  }
}
