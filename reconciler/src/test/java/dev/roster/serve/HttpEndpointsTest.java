package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.webhook.HttpServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two listeners over real sockets: probes and metrics on their own port and pool, only GET
 * and HEAD there, and slow clients on the webhook port cut off by the request deadline.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpEndpointsTest {
  private static final InetSocketAddress ANY = new InetSocketAddress(
      InetAddress.getLoopbackAddress(), 0);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private HttpEndpoints endpoints;

  @BeforeEach
  void start() {
    HttpServers.ensureNoDelay();
    endpoints = new HttpEndpoints(ANY, ANY, ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(202, -1);
      }
    }, out -> {
      try {
        out.write("roster_up 1\n".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "text/plain; version=0.0.4", () -> true);
  }

  @AfterEach
  void stop() {
    endpoints.close();
  }

  private HttpResponse<String> send(InetSocketAddress a, String method, String path)
      throws Exception {
    return http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + a.getPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsAndProbesAnswerOnlyGetAndHeadOnTheAdminPort() throws Exception {
    InetSocketAddress admin = endpoints.adminAddress();
    assertTrue(admin.getPort() != endpoints.address().getPort());
    assertEquals("roster_up 1\n", send(admin, "GET", "/metrics").body());
    assertEquals(200, send(admin, "HEAD", "/metrics").statusCode());
    assertEquals(200, send(admin, "GET", "/healthz").statusCode());
    assertEquals(200, send(admin, "GET", "/readyz").statusCode());
    for (String path : List.of("/metrics", "/healthz", "/readyz")) {
      for (String method : List.of("DELETE", "POST", "PUT")) {
        HttpResponse<String> r = send(admin, method, path);
        assertEquals(405, r.statusCode(), method + " " + path);
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null));
      }
    }
    assertEquals(404, send(admin, "POST", "/hooks/x").statusCode(), "no hooks on the admin port");
    assertEquals(404, send(endpoints.address(), "GET", "/metrics").statusCode(),
        "no metrics on the webhook port");
    assertEquals(202, send(endpoints.address(), "POST", "/hooks/x").statusCode());
  }

  @Test
  void slowClientsAreCutOffAndDoNotStarveTheProbes() throws Exception {
    assertNotNull(System.getProperty(HttpServers.MAX_REQ_TIME), "no request deadline set");
    int clients = HttpEndpoints.HOOK_THREADS + 2;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch trickling = new CountDownLatch(clients);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        outcomes.add(pool.submit(() -> trickle(endpoints.address(), trickling)));
      }
      assertTrue(trickling.await(1, TimeUnit.MINUTES), "slow clients did not connect");
      HttpResponse<String> health = send(endpoints.adminAddress(), "GET", "/healthz");
      assertEquals(200, health.statusCode());
      assertEquals("ok\n", health.body());
      for (Future<String> f : outcomes) {
        assertEquals("closed by the server", f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Sends an endless header a byte at a time, each byte after waiting up to 100 ms for the
   * server to answer or close; says which it did.
   */
  private static String trickle(InetSocketAddress a, CountDownLatch started) throws IOException {
    try (Socket s = new Socket(a.getAddress(), a.getPort())) {
      s.setSoTimeout(100);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      byte[] head = "POST /hooks/x HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(
          StandardCharsets.US_ASCII);
      for (int i = 0; i < 3000; i++) {
        try {
          out.write(i < head.length ? head[i] : 'a');
          out.flush();
        } catch (IOException e) {
          return "closed by the server";
        }
        if (i == 0) {
          started.countDown();
        }
        try {
          int b = in.read();
          return b < 0 ? "closed by the server" : "answered instead of cut off: " + (char) b;
        } catch (SocketTimeoutException e) {
          // still open: send the next byte
        } catch (IOException e) {
          return "closed by the server";
        }
      }
      return "never cut off";
    }
  }
}
