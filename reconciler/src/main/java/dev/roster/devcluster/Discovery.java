package dev.roster.devcluster;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The read-only endpoints kubectl and fabric8 use to learn what a server serves: {@code /version},
 * {@code /healthz} (and livez, readyz), {@code /api}, {@code /api/v1}, {@code /apis}, {@code
 * /apis/G} and {@code /apis/G/V}, answered in the legacy (non-aggregated) JSON forms. Everything
 * else outside {@code /api/} and {@code /apis/} is 404 ({@link OpenApi} answers {@code /openapi/}
 * before this is asked).
 */
final class Discovery {
  static final List<String> VERBS = List.of(
      "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  static final String GIT_VERSION = "v1.32.0+roster.dev";

  private Discovery() {}

  /**
   * The answer to {@code GET path} if it is a discovery or non-API path, else null (a stored
   * resource path the CRUD store answers).
   */
  static MockResponse answer(String path, Supplier<List<ApiType>> types, String serverAddress) {
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String[] seg = p.split("/");
    switch (p) {
      case "/version":
        return json(Map.of("major", "1", "minor", "32", "gitVersion", GIT_VERSION,
            "gitCommit", "", "gitTreeState", "clean", "buildDate", "2026-01-01T00:00:00Z",
            "goVersion", "", "compiler", "roster", "platform", "linux/amd64"));
      case "/healthz", "/livez", "/readyz":
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
            .setBody("ok");
      case "/api":
        return json(new APIVersionsBuilder().withVersions("v1").addNewServerAddressByClientCIDR()
            .withClientCIDR("0.0.0.0/0").withServerAddress(serverAddress)
            .endServerAddressByClientCIDR()
            .build());
      case "/apis":
        return json(new APIGroupListBuilder().withGroups(groups(types.get()).values().stream()
            .map(APIGroupBuilder::build).toList()).build());
      default:
        break;
    }
    if (p.startsWith("/api/") && seg.length == 3 || p.startsWith("/apis/") && seg.length == 4) {
      String gv = seg.length == 3 ? seg[2] : seg[2] + "/" + seg[3];
      List<ApiType> served = types.get().stream().filter(t -> t.groupVersion().equals(gv)).toList();
      return served.isEmpty() ? notFound(p) : json(resources(gv, served));
    }
    if (p.startsWith("/apis/") && seg.length == 3) {
      APIGroupBuilder g = groups(types.get()).get(seg[2]);
      return g == null ? notFound(p) : json(g.build());
    }
    if (p.startsWith("/api/") || p.startsWith("/apis/")) {
      return null;
    }
    return notFound(p);
  }

  private static Object resources(String groupVersion, List<ApiType> types) {
    APIResourceListBuilder b = new APIResourceListBuilder().withGroupVersion(groupVersion);
    for (ApiType t : types) {
      b.addToResources(new APIResourceBuilder().withName(t.plural())
          .withSingularName(t.singular()).withNamespaced(t.namespaced()).withKind(t.kind())
          .withVerbs(VERBS).withShortNames(t.shortNames().isEmpty() ? null : t.shortNames())
          .build());
    }
    return b.build();
  }

  /** Groups by name, in first-seen order; the preferred version is the highest by priority. */
  private static Map<String, APIGroupBuilder> groups(List<ApiType> types) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    for (ApiType t : types) {
      if (!t.group().isEmpty()) {
        List<String> vs = versions.computeIfAbsent(t.group(), g -> new ArrayList<>());
        if (!vs.contains(t.version())) {
          vs.add(t.version());
        }
      }
    }
    Map<String, APIGroupBuilder> out = new LinkedHashMap<>();
    versions.forEach((group, vs) -> {
      List<String> sorted = new ArrayList<>(vs);
      sorted.sort(Comparator.comparing(CatalogCrds::rank).reversed());
      APIGroupBuilder b = new APIGroupBuilder().withName(group)
          .withPreferredVersion(new GroupVersionForDiscovery(group + "/" + sorted.get(0),
              sorted.get(0)));
      sorted.forEach(v -> b.addToVersions(new GroupVersionForDiscovery(group + "/" + v, v)));
      out.put(group, b);
    });
    return out;
  }

  static MockResponse json(Object body) {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(body));
  }

  static MockResponse notFound(String path) {
    return status(404, "NotFound", "the server could not find the requested resource (" + path
        + ")");
  }

  /** A Kubernetes {@code Status} failure answer. */
  static MockResponse status(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(code)
            .withReason(reason).withMessage(message).build()));
  }
}
