package dev.roster.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.roster.serve.webhook.HttpServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one listener of serve mode: {@code POST /hooks[/<source>]}, {@code GET /metrics},
 * {@code /healthz} (the process is up) and {@code /readyz} (it serves and is not shutting down;
 * a standby replica is ready too, so rolling updates proceed — it answers webhooks 503 until it
 * leads, and polling catches up on what a standby refused).
 */
final class HttpEndpoints implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  HttpEndpoints(InetSocketAddress listen, HttpHandler hooks, Consumer<OutputStream> metrics,
      String metricsContentType, BooleanSupplier ready) {
    executor = HttpServers.executor("roster-http", 8);
    try {
      server = HttpServers.create(listen, executor);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("failed to listen on " + listen + ": " + e.getMessage(), e);
    }
    server.createContext("/hooks", hooks);
    server.createContext("/metrics", ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      metrics.accept(body);
      reply(ex, 200, metricsContentType, body.toByteArray());
    });
    server.createContext("/healthz", ex -> text(ex, 200, "ok\n"));
    server.createContext("/readyz", ex -> {
      boolean ok = ready.getAsBoolean();
      text(ex, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
    });
    server.start();
  }

  /** The bound address (port 0 resolved). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    reply(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
