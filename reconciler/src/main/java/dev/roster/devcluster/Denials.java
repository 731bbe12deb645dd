package dev.roster.devcluster;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * RBAC refusals the embedded cluster plays, as a real API server answers a request its caller's
 * roles do not allow: 403 with reason {@code Forbidden}, details naming the resource, and the
 * message kube-apiserver writes ({@code agents.kubeopencode.io "a" is forbidden: User "…" cannot
 * create resource "agents" in API group "kubeopencode.io" in the namespace "ns"}). There is no
 * authorization otherwise: everything not denied is allowed. Thread-safe.
 */
final class Denials {
  /** The user named in refusals: the chart's ServiceAccount in release roster, roster-system. */
  static final String USER = "system:serviceaccount:roster-system:roster";

  /**
   * One refusal.
   *
   * @param verb get, list, watch, create, update, patch, delete or deletecollection
   * @param group API group, "" for the core group
   * @param resource plural resource name
   * @param namespace the namespace refused; {@code *} every namespace and the cluster scope;
   *     {@code ""} the cluster scope only (requests naming no namespace: all-namespace lists and
   *     watches, cluster-scoped kinds), as a namespaced install (Roles only) sees it
   */
  record Rule(String verb, String group, String resource, String namespace) {}

  /** A request as RBAC sees it. */
  record Attributes(String verb, String group, String resource, String namespace, String name) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  void add(Rule r) {
    rules.add(r);
  }

  void clear() {
    rules.clear();
  }

  /** The 403 for {@code request}, or null when no rule refuses it (or it is no resource path). */
  MockResponse check(RecordedRequest request) {
    if (rules.isEmpty()) {
      return null;
    }
    Attributes a = attributes(String.valueOf(request.getMethod()).toUpperCase(Locale.ROOT),
        request.getPath());
    if (a == null) {
      return null;
    }
    for (Rule r : rules) {
      boolean ns = r.namespace().equals("*") || r.namespace().equals(a.namespace());
      if (ns && r.verb().equals(a.verb()) && r.group().equals(a.group())
          && r.resource().equals(a.resource())) {
        return forbidden(a);
      }
    }
    return null;
  }

  /** Verb, group, resource, namespace and name of a resource request; null for other paths. */
  static Attributes attributes(String method, String path) {
    if (!EmbeddedDispatcher.isResourcePath(path)) {
      return null;
    }
    String[] seg = EmbeddedDispatcher.bare(path).substring(1).split("/");
    boolean core = seg[0].equals("api");
    String group = core ? "" : seg[1];
    int i = core ? 2 : 3;
    String namespace = "";
    if (seg[i].equals("namespaces") && seg.length > i + 2) {
      namespace = seg[i + 1];
      i += 2;
    }
    String resource = seg[i];
    String name = seg.length > i + 1 ? seg[i + 1] : null;
    boolean watch = "true".equals(Selectors.query(path).get("watch"));
    String verb = switch (method) {
      case "GET" -> watch ? "watch" : name == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
    return new Attributes(verb, group, resource, namespace, name);
  }

  private static MockResponse forbidden(Attributes a) {
    String qualified = a.group().isEmpty() ? a.resource() : a.resource() + "." + a.group();
    String message = qualified + (a.name() == null ? "" : " \"" + a.name() + "\"")
        + " is forbidden: User \"" + USER + "\" cannot " + a.verb() + " resource \""
        + a.resource() + "\" in API group \"" + a.group() + "\""
        + (a.namespace().isEmpty() ? " at the cluster scope"
            : " in the namespace \"" + a.namespace() + "\"");
    return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(403)
            .withReason("Forbidden").withMessage(message).withNewDetails()
            .withName(a.name()).withGroup(a.group()).withKind(a.resource()).endDetails()
            .build()));
  }
}
