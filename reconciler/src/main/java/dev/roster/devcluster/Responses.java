package dev.roster.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Touches up the mock's answers to look like an API server's: a {@code Status} body on errors
 * that have none (the mock's 404 is empty), and {@code <Kind>List} instead of {@code List} as the
 * kind of a list (kubectl's typed paths, e.g. {@code cluster-info}, need it).
 */
final class Responses {
  private static final Map<Integer, String> REASONS = Map.of(400, "BadRequest", 404, "NotFound",
      405, "MethodNotAllowed", 409, "Conflict", 415, "UnsupportedMediaType", 422, "Invalid");

  private Responses() {}

  static MockResponse finish(RecordedRequest request, MockResponse r,
      Supplier<List<ApiType>> types) {
    if (r.getWebSocketListener() != null) {
      return r;
    }
    boolean empty = r.getBody() == null || r.getBody().size() == 0;
    if (r.code() >= 400) {
      return error(request, r, empty);
    }
    if (request.method() != HttpMethod.GET || r.code() != 200 || empty) {
      return r;
    }
    String[] at = collection(EmbeddedDispatcher.bare(request.getPath()));
    if (at == null) {
      return r;
    }
    JsonNode body = Serialization.unmarshal(r.getBody().readUtf8(), JsonNode.class);
    if (body instanceof ObjectNode list && "List".equals(list.path("kind").asText())) {
      types.get().stream()
          .filter(t -> t.groupVersion().equals(at[0]) && t.plural().equals(at[1]))
          .findFirst()
          .ifPresent(t -> list.put("kind", t.kind() + "List").put("apiVersion", at[0]));
    }
    return Discovery.json(body);
  }

  /**
   * An error with an API server's reason: the mock's 404 has no body, and it calls every error
   * "Invalid", including 409 for a duplicate create (AlreadyExists) or a stale update (Conflict).
   */
  private static MockResponse error(RecordedRequest request, MockResponse r, boolean empty) {
    String path = EmbeddedDispatcher.bare(request.getPath());
    JsonNode body = empty ? null : Serialization.unmarshal(r.getBody().readUtf8(), JsonNode.class);
    String message = body == null ? "" : body.path("message").asText("");
    String reason = body == null ? "" : body.path("reason").asText("");
    if (!"Status".equals(body == null ? "" : body.path("kind").asText())) {
      reason = "";
      message = "";
    }
    if (reason.isEmpty() || "Invalid".equals(reason) && r.code() != 422) {
      reason = r.code() == 409 && request.method() == HttpMethod.POST ? "AlreadyExists"
          : REASONS.getOrDefault(r.code(), "InternalError");
    }
    if (message.isEmpty()) {
      int slash = path.lastIndexOf('/');
      String[] parent = slash > 0 ? collection(path.substring(0, slash)) : null;
      message = r.code() == 404 && parent != null
          ? parent[1] + " \"" + path.substring(slash + 1) + "\" not found"
          : "request failed (" + r.code() + "): " + path;
    }
    return Discovery.status(r.code(), reason, message);
  }

  /** {@code [groupVersion, plural]} of a collection path, or null for any other path. */
  static String[] collection(String path) {
    String[] seg = path.split("/");
    int rest = path.startsWith("/apis/") ? 4 : path.startsWith("/api/") ? 3 : -1;
    if (rest < 0 || seg.length <= rest) {
      return null;
    }
    String gv = rest == 4 ? seg[2] + "/" + seg[3] : seg[2];
    int left = seg.length - rest;
    if (left == 1) {
      return new String[] {gv, seg[rest]};
    }
    if (left == 3 && "namespaces".equals(seg[rest])) {
      return new String[] {gv, seg[rest + 2]};
    }
    return null;
  }
}
