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
 * The two listeners of serve mode, each with its own worker pool, so a saturated hook path cannot
 * starve the probes. The webhook listener answers only {@code POST /hooks[/<source>]}; the admin
 * listener answers {@code GET} (and {@code HEAD}) {@code /metrics}, {@code /healthz} (the process
 * is up) and {@code /readyz} (it serves and is not shutting down; a standby replica is ready too,
 * so rolling updates proceed — it answers webhooks 503 until it leads, and polling catches up on
 * what a standby refused); any other method there is 405 with {@code Allow: GET, HEAD}. Both
 * listeners cut off a request not fully received within the {@link HttpServers} deadline.
 */
final class HttpEndpoints implements AutoCloseable {
  static final int HOOK_THREADS = 8;
  static final int ADMIN_THREADS = 2;
  private final Listener hooks;
  private final Listener admin;

  HttpEndpoints(InetSocketAddress listen, InetSocketAddress adminListen, HttpHandler hookHandler,
      Consumer<OutputStream> metrics, String metricsContentType, BooleanSupplier ready) {
    hooks = new Listener(listen, "roster-hooks", HOOK_THREADS);
    try {
      admin = new Listener(adminListen, "roster-admin", ADMIN_THREADS);
    } catch (RuntimeException e) {
      hooks.close();
      throw e;
    }
    hooks.server.createContext("/hooks", hookHandler);
    admin.server.createContext("/metrics", readOnly(ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      metrics.accept(body);
      reply(ex, 200, metricsContentType, body.toByteArray());
    }));
    admin.server.createContext("/healthz", readOnly(ex -> text(ex, 200, "ok\n")));
    admin.server.createContext("/readyz", readOnly(ex -> {
      boolean ok = ready.getAsBoolean();
      text(ex, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
    }));
    hooks.server.start();
    admin.server.start();
  }

  /** The bound address of the webhook listener (port 0 resolved). */
  InetSocketAddress address() {
    return hooks.server.getAddress();
  }

  /** The bound address of the admin listener: metrics and probes (port 0 resolved). */
  InetSocketAddress adminAddress() {
    return admin.server.getAddress();
  }

  /** {@code handler} for GET and HEAD; 405 with an Allow header for anything else. */
  static HttpHandler readOnly(HttpHandler handler) {
    return ex -> {
      String m = ex.getRequestMethod();
      if (m.equals("GET") || m.equals("HEAD")) {
        handler.handle(ex);
      } else {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        text(ex, 405, "method " + m + " is not allowed; use GET\n");
      }
    };
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    reply(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", type);
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        ex.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    hooks.close();
    admin.close();
  }

  /** One server and its pool. */
  private static final class Listener implements AutoCloseable {
    final HttpServer server;
    final ExecutorService executor;

    Listener(InetSocketAddress address, String name, int threads) {
      executor = HttpServers.executor(name, threads);
      try {
        server = HttpServers.create(address, executor);
      } catch (IOException e) {
        executor.shutdownNow();
        throw new UncheckedIOException("failed to listen on " + address + ": " + e.getMessage(),
            e);
      }
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
