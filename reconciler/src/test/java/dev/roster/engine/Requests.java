package dev.roster.engine;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.KubeClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test does to one fabric8 client's requests before they are sent: {@link Kill} stands
 * for a process killed at a chosen write, {@link Watch} tells a latch when a request is seen.
 */
final class Requests {
  private Requests() {}

  /** A client of {@code cluster} with Roster's settings whose requests pass {@code i} first. */
  static KubernetesClient client(EmbeddedCluster cluster, Interceptor i) {
    return KubeClients.forUrl(cluster.url(), "default", i);
  }

  private static boolean lease(HttpRequest r) {
    return r.uri().getPath().startsWith("/apis/coordination.k8s.io/");
  }

  /** Thrown for every request of a killed client. */
  static final class Killed extends RuntimeException {
    Killed() {
      super("killed (test)");
    }
  }

  /**
   * Lets {@code allowed} writes of objects and inventories through (Lease requests are not
   * counted), then refuses that write and every request after it, reads included: the process
   * is gone. Nothing it refused reached the server.
   */
  static final class Kill implements Interceptor {
    private final int allowed;
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicBoolean dead = new AtomicBoolean();

    Kill(int allowed) {
      this.allowed = allowed;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      boolean write = !request.method().equals("GET") && !lease(request);
      if (!dead.get() && write && writes.incrementAndGet() > allowed) {
        dead.set(true);
      }
      if (dead.get()) {
        throw new Killed();
      }
    }

    /** Whether the kill happened (the apply tried a write past the allowed ones). */
    boolean happened() {
      return dead.get();
    }
  }

  /** Counts down {@code seen} at every GET of the apply Lease {@code name}. */
  static final class Watch implements Interceptor {
    private final String path;
    private final CountDownLatch seen;

    Watch(String name, CountDownLatch seen) {
      this.path = "/apis/coordination.k8s.io/v1/namespaces/default/leases/" + name;
      this.seen = seen;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if (request.method().equals("GET") && request.uri().getPath().equals(path)) {
        seen.countDown();
      }
    }
  }
}
