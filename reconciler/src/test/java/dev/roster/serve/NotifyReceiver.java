package dev.roster.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/**
 * A local HTTP receiver of notifications: records every POST (path, headers, body) and answers
 * 200, or the status codes queued for a path first ({@link #answer}). Tests wait on what it
 * received ({@link #await}); nothing sleeps.
 */
final class NotifyReceiver implements AutoCloseable {
  /** One received request; header names lower case. */
  record Received(String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();

  NotifyReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) ->
            headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, headers,
            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        Deque<Integer> queued = answers.get(path);
        Integer code = queued == null ? null : queued.pollFirst();
        exchange.sendResponseHeaders(code == null ? 200 : code, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** The receiver's URL for {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the next requests to {@code path} with {@code codes}, then 200. */
  void answer(String path, Integer... codes) {
    answers.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(codes));
  }

  /** Everything received so far, in order. */
  List<Received> all() {
    return new ArrayList<>(received);
  }

  /** Received on {@code path} (or below it) matching {@code ok}. */
  List<Received> on(String path, Predicate<Received> ok) {
    return received.stream().filter(r -> r.path().startsWith(path) && ok.test(r)).toList();
  }

  /** Waits until a request on {@code path} matches {@code ok}; returns the first such. */
  Received await(String what, String path, Predicate<Received> ok) {
    return Waits.until(what, () -> on(path, ok), l -> !l.isEmpty()).get(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
