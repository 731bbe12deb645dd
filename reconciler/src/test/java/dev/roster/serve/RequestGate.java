package dev.roster.serve;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.KubeClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * Holds matching requests of a fabric8 client on the calling thread, before they are sent, from
 * the {@code from}-th match on until {@link #open()}: the thread that issued the request (a
 * reconcile's apply or plan) waits as it would for a slow API server. Requests that do not match
 * pass untouched. The hold is bounded by {@link Waits#DEADLINE} so a failing test cannot hang.
 */
final class RequestGate implements Interceptor {
  private final BiPredicate<String, String> match;
  private final int from;
  private final AtomicInteger seen = new AtomicInteger();
  private final AtomicInteger holding = new AtomicInteger();
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  /**
   * @param match method and path of the requests to count and hold
   * @param from the first match held (1 holds every match)
   */
  RequestGate(BiPredicate<String, String> match, int from) {
    this.match = match;
    this.from = from;
  }

  /** Creates (POSTs) of ConfigMaps in namespace {@code ns}. */
  static BiPredicate<String, String> configMapCreates(String ns) {
    return (method, path) -> method.equals("POST")
        && path.equals("/api/v1/namespaces/" + ns + "/configmaps");
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (open.getCount() == 0 || !match.test(request.method(), request.uri().getPath())) {
      return;
    }
    if (seen.incrementAndGet() < from) {
      return;
    }
    holding.incrementAndGet();
    reached.countDown();
    try {
      open.await(Waits.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      holding.decrementAndGet();
    }
  }

  /** Waits until a request is held. */
  void awaitHolding() throws InterruptedException {
    Waits.await("a held request", reached);
  }

  /** Requests held right now. */
  int holding() {
    return holding.get();
  }

  /** Matching requests seen so far (held or not). */
  int seen() {
    return seen.get();
  }

  /** Lets every held and later request through. */
  void open() {
    open.countDown();
  }

  /** A client of {@code cluster} with Roster's settings whose requests pass through {@code gate}. */
  static KubernetesClient client(EmbeddedCluster cluster, Interceptor gate) {
    Config config = Config.empty();
    config.setMasterUrl(cluster.url());
    config.setNamespace("default");
    config.setHttp2Disable(true);
    config.setConnectionTimeout(KubeClients.CONNECT_TIMEOUT_MS);
    config.setRequestTimeout(KubeClients.REQUEST_TIMEOUT_MS);
    config.setRequestRetryBackoffLimit(KubeClients.RETRY_LIMIT);
    config.setRequestRetryBackoffInterval(KubeClients.RETRY_INTERVAL_MS);
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("test-gate", gate))
        .build();
  }
}
