package dev.roster.devcluster;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the embedded API server received, as it received it: counts by HTTP method and the last
 * {@value #KEEP} requests (method, path with query, Content-Type). Counts every request the
 * server answers, from any client; for tests that must prove what reached the server (zero
 * writes, the exact patch type), independent of which client sent it. Thread-safe.
 */
public final class ServerRequests {
  /** How many recent requests are kept. */
  public static final int KEEP = 200;

  /**
   * One request.
   *
   * @param method upper-case HTTP method
   * @param path path and query, as sent
   * @param contentType the Content-Type header, or null
   */
  public record Request(String method, String path, String contentType) {
    /** The decoded value of query parameter {@code name}, or null. */
    public String query(String name) {
      return Selectors.query(path).get(name);
    }

    /** Whether this request changes state: POST, PUT, PATCH or DELETE. */
    public boolean write() {
      return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }
  }

  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Long> leases = new TreeMap<>();
  private final Deque<Request> recent = new ArrayDeque<>();

  /**
   * Records one request. Requests for Leases (leader election, the per-source apply lock) are
   * counted apart, in {@link #leases()}, so the other counts stay a proof of what was written to
   * objects and inventories.
   */
  synchronized void record(RecordedRequest r) {
    String method = String.valueOf(r.getMethod()).toUpperCase(Locale.ROOT);
    if (String.valueOf(r.getPath()).startsWith("/apis/coordination.k8s.io/")) {
      leases.merge(method, 1L, Long::sum);
      return;
    }
    counts.merge(method, 1L, Long::sum);
    if (recent.size() == KEEP) {
      recent.removeFirst();
    }
    recent.addLast(new Request(method, r.getPath(), r.getHeader("Content-Type")));
  }

  /** Requests received with {@code method} (e.g. {@code "PATCH"}) since the last reset. */
  public synchronized long count(String method) {
    return counts.getOrDefault(method.toUpperCase(Locale.ROOT), 0L);
  }

  /** POST, PUT, PATCH and DELETE requests since the last reset. */
  public synchronized long writes() {
    return count("POST") + count("PUT") + count("PATCH") + count("DELETE");
  }

  /** A sorted copy of the counts by method. */
  public synchronized Map<String, Long> byMethod() {
    return new TreeMap<>(counts);
  }

  /** The last requests received since the last reset, oldest first. */
  public synchronized List<Request> recent() {
    return List.copyOf(recent);
  }

  /** The write requests among {@link #recent()}. */
  public synchronized List<Request> recentWrites() {
    return recent.stream().filter(Request::write).toList();
  }

  /** Lease requests by method since the last reset (never in the other counts). */
  public synchronized Map<String, Long> leases() {
    return new TreeMap<>(leases);
  }

  /** Forgets everything counted and kept so far. */
  public synchronized void reset() {
    counts.clear();
    leases.clear();
    recent.clear();
  }

  @Override
  public synchronized String toString() {
    return counts + " " + recent;
  }
}
