package dev.roster.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flood of generic push webhooks with a wrong signature, sent to one source by {@value
 * #SENDERS} concurrent senders, as an attacker without the secret would. Records the statuses
 * answered.
 */
final class Flood implements AutoCloseable {
  static final int SENDERS = 16;
  private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}"
      .getBytes(StandardCharsets.UTF_8);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
    Thread t = new Thread(r, "bench-flood");
    t.setDaemon(true);
    return t;
  });
  private final URI uri;
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

  Flood(InetSocketAddress serve, String source) {
    this.uri = URI.create("http://" + serve.getAddress().getHostAddress() + ":" + serve.getPort()
        + "/hooks/" + source);
  }

  /**
   * Starts {@code requests} bad-signature deliveries and returns once {@code before} of them
   * have been answered (so what the caller sends next meets the flood in full flow); {@link
   * #await} waits for the rest.
   */
  Running start(int requests, int before) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch answered = new CountDownLatch(Math.min(before, requests));
    Future<?>[] fs = new Future<?>[SENDERS];
    for (int s = 0; s < SENDERS; s++) {
      fs[s] = senders.submit(() -> {
        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
          statuses.merge(send(i), 1, Integer::sum);
          answered.countDown();
        }
      });
    }
    answered.await(2, TimeUnit.MINUTES);
    return new Running(fs);
  }

  private int send(int i) {
    try {
      return http.send(HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/json")
          .header("X-Roster-Delivery", "flood-" + i)
          .header("X-Roster-Signature", "sha256=" + "0".repeat(64))
          .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Answers so far by HTTP status (-1: no answer). */
  Map<Integer, Integer> statuses() {
    return new TreeMap<>(statuses);
  }

  /** A flood in flight. */
  record Running(Future<?>[] senders) {
    /** Waits until every request of the flood has been answered. */
    void await() throws Exception {
      for (Future<?> f : senders) {
        f.get(5, TimeUnit.MINUTES);
      }
    }
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
