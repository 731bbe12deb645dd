package dev.roster.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests a client sends, by verb (list, get, create, update, patch, delete, watch,
 * discovery), as the client sees them — so the same numbers hold for a real API server and the
 * embedded one. Used by tests (idempotency: zero writes) and benchmarks (no-op cost).
 */
public final class RequestCounter implements Interceptor {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    counts.computeIfAbsent(verb(request.method(), request.uri().getPath(),
        request.uri().getQuery()), v -> new LongAdder()).increment();
  }

  /** Requests counted for {@code verb} so far. */
  public long count(String verb) {
    LongAdder a = counts.get(verb);
    return a == null ? 0 : a.sum();
  }

  /** Creates, updates, patches and deletes so far. */
  public long writes() {
    return count("create") + count("update") + count("patch") + count("delete");
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** A sorted copy of all counts. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public void reset() {
    counts.clear();
  }

  static String verb(String method, String path, String query) {
    switch (method) {
      case "POST":
        return "create";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return "delete";
      default:
        break;
    }
    if (query != null && query.contains("watch=true")) {
      return "watch";
    }
    String[] seg = path.replaceAll("^/+|/+$", "").split("/");
    int start = seg.length > 0 && "api".equals(seg[0]) ? 2 : 3; // /api/v1 or /apis/g/v
    int rest = seg.length - start;
    if (rest <= 0) {
      return "discovery";
    }
    if ("namespaces".equals(seg[start]) && rest >= 3) {
      rest -= 2;
    }
    return rest == 1 ? "list" : "get";
  }
}
