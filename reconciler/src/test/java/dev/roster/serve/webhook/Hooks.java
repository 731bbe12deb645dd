package dev.roster.serve.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real JDK HttpServer on 127.0.0.1 with a {@link WebhookHandler} at {@code /hooks}, a real
 * HttpClient to call it, and the deliveries its listener received.
 */
final class Hooks implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  final TestClock clock = new TestClock();
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  /** The answer to one request. */
  record Answer(int status, HttpResponse<byte[]> raw, JsonNode json) {
    String result() {
      return json.path("result").asString(null);
    }

    String reason() {
      return json.path("reason").asString(null);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Hooks(WebhookOptions options, List<? extends WebhookTarget> targets) throws IOException {
    this(options, targets, d -> { });
  }

  /** As above, and {@code listener} also sees each delivery (after it is kept). */
  Hooks(WebhookOptions options, List<? extends WebhookTarget> targets,
      Consumer<Delivery> listener) throws IOException {
    executor = HttpServers.executor("webhook-test", 4);
    server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        executor);
    WebhookHandler handler =
        new WebhookHandler(() -> targets, d -> {
          deliveries.add(d);
          listener.accept(d);
        }, options.withClock(clock));
    server.createContext("/hooks", handler);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  Answer post(String path, Map<String, String> headers, byte[] body) {
    return send(path, "POST", headers, HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** POST with a chunked body (no Content-Length). */
  Answer postChunked(String path, Map<String, String> headers, byte[] body) {
    return send(path, "POST", headers, HttpRequest.BodyPublishers.ofInputStream(
        () -> (InputStream) new ByteArrayInputStream(body)));
  }

  Answer send(String path, String method, Map<String, String> headers,
      HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body);
    b.header("Content-Type", "application/json");
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Answer(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Delivery last() {
    return deliveries.get(deliveries.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  static byte[] fixture(String name) {
    try (InputStream in = Hooks.class.getResourceAsStream("/fixtures/webhook/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hmacHex(String algorithm, byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, algorithm));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] secret, byte[] body) {
    return hmacHex("HmacSHA256", secret, body);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
