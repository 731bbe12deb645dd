package dev.roster.devcluster;

import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * fabric8's CRUD dispatcher, indexed ({@link IndexedCrudDispatcher}), plus what the embedded cluster adds: {@link Discovery} for GETs of
 * discovery paths, {@link OpenApi} for GETs under {@code /openapi/}, the {@link ApplyShim} for server-side apply PATCHes, the {@link
 * MergePatchShim} for merge and strategic merge PATCHes, correct lists for {@code
 * in}/{@code notin} label selectors, 404 outside {@code /api/} and {@code /apis/}, and refusals
 * (never silent wrong answers) where the mock would misbehave: 405 for writes to discovery paths
 * (the stock store would delete every object of a group on {@code DELETE /apis/G/V}), 400 for
 * {@code dryRun} writes (the stock store would perform them) and for watches and deletes with
 * set-based selectors (it would match everything). A JSON Patch op that fails (e.g. a {@code
 * test}) is 422, as on a real API server, not 500.
 */
final class EmbeddedDispatcher extends IndexedCrudDispatcher {
  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final ApplyShim apply = new ApplyShim(this);
  private final MergePatchShim merge = new MergePatchShim(this);
  private volatile String serverAddress = "127.0.0.1:0";
  private volatile Runnable beforeEach = () -> { };
  private final ServerRequests received;
  private final Denials denials;
  private final OpenApi openApi;

  /**
   * A dispatcher with an empty store that records what it receives in {@code received}, refuses
   * what {@code denials} refuses, and publishes OpenAPI for its CRDs with the schemas of {@code
   * catalog}.
   */
  EmbeddedDispatcher(ServerRequests received, Denials denials, SchemaCatalog catalog) {
    this.received = received;
    this.denials = denials;
    this.openApi = new OpenApi(catalog);
  }

  /** Runs {@code hook} before each request is dispatched. */
  void beforeEach(Runnable hook) {
    this.beforeEach = hook;
  }

  /** Sets the {@code host:port} that {@code /api} advertises. */
  void serverAddress(String hostPort) {
    this.serverAddress = hostPort;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    beforeEach.run();
    received.record(request);
    MockResponse denied = denials.check(request);
    if (denied != null) {
      return denied;
    }
    try {
      return Responses.finish(request, route(request), this::types);
    } catch (JsonPatchException e) { // as a real API server: 422, e.g. when a test op fails
      return Discovery.status(422, "Invalid", "the JSON patch cannot be applied: " + e);
    } catch (RuntimeException e) { // else the mock leaves the request unanswered
      return Discovery.status(500, "InternalError", "the embedded cluster failed: " + e);
    }
  }

  private MockResponse route(RecordedRequest request) {
    String path = request.getPath();
    if (request.method() == HttpMethod.GET && bare(path).startsWith("/openapi/")) {
      String crds = crdList();
      return openApi.answer(path, request.getHeader("Accept"), crds, crds(crds));
    }
    if (request.method() == HttpMethod.GET) {
      MockResponse discovery = Discovery.answer(path, this::types, serverAddress);
      if (discovery != null) {
        return discovery;
      }
    } else if (!isResourcePath(path)) {
      return isApiPath(path) ? methodNotAllowed(request) : Discovery.notFound(bare(path));
    }
    Map<String, String> query = Selectors.query(path);
    if (request.method() != HttpMethod.GET && query.containsKey("dryRun")) {
      return Discovery.status(400, "BadRequest",
          "the embedded cluster does not support dryRun; the request was not executed");
    }
    if (Selectors.isSetBased(query.get("labelSelector"))) {
      return setBased(request, query);
    }
    String type = request.getHeader("Content-Type");
    if (type != null && type.contains("protobuf")) {
      return Discovery.status(415, "UnsupportedMediaType", "the embedded cluster speaks JSON only");
    }
    if (request.method() == HttpMethod.PATCH && ApplyShim.isApply(request)) {
      return apply.apply(request);
    }
    if (request.method() == HttpMethod.PATCH && MergePatchShim.isMergePatch(request)) {
      return merge.patch(request);
    }
    return super.dispatch(request);
  }

  /** Every type discovery lists: the built-in ones and one per served version of each CRD. */
  List<ApiType> types() {
    List<ApiType> out = new ArrayList<>(ApiType.BUILT_IN);
    crds(crdList()).forEach(crd -> out.addAll(ApiType.of(crd)));
    return out;
  }

  /** The stored CRD list as JSON, or null. */
  private String crdList() {
    MockResponse r = handleGet(CRD_PATH);
    return r.code() == 200 && r.getBody() != null ? r.getBody().readUtf8() : null;
  }

  /** The CRDs of a {@link #crdList()} that have a spec with names. */
  private static List<CustomResourceDefinition> crds(String crdList) {
    if (crdList == null) {
      return List.of();
    }
    return Serialization.unmarshal(crdList, CustomResourceDefinitionList.class).getItems().stream()
        .filter(crd -> crd.getSpec() != null && crd.getSpec().getNames() != null).toList();
  }

  private static boolean isApiPath(String path) {
    String p = bare(path);
    return p.equals("/api") || p.equals("/apis") || p.startsWith("/api/") || p.startsWith("/apis/");
  }

  private static MockResponse methodNotAllowed(RecordedRequest request) {
    return Discovery.status(405, "MethodNotAllowed",
        request.getMethod() + " is not allowed on " + bare(request.getPath()));
  }

  /**
   * Lists with an {@code in}/{@code notin} selector, filtered here because the mock ignores those
   * requirements; 400 for watches and deletes with one, rather than matching everything.
   */
  private MockResponse setBased(RecordedRequest request, Map<String, String> query) {
    Predicate<Map<String, String>> selector;
    try {
      selector = Selectors.parse(query.get("labelSelector"));
    } catch (IllegalArgumentException e) {
      return Discovery.status(400, "BadRequest", e.getMessage());
    }
    if (request.method() != HttpMethod.GET || "true".equals(query.get("watch"))) {
      return Discovery.status(400, "BadRequest", "the embedded cluster supports set-based label"
          + " selectors (in, notin) only for list, not for watch or delete");
    }
    // Send the list without the selector (the mock would log and ignore half of it); filter here.
    String path = request.getPath().replaceAll("([?&])labelSelector=[^&]*&?", "$1")
        .replaceAll("[?&]$", "");
    MockResponse listed = super.dispatch(new RecordedRequest(request.getHttpVersion(),
        request.method(), path, request.getHeaders(), request.getBody()));
    if (listed.code() != 200 || listed.getBody() == null) {
      return listed;
    }
    return Discovery.json(Selectors.filterList(listed.getBody().readUtf8(), selector));
  }
}
