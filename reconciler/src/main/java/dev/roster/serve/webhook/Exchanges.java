package dev.roster.serve.webhook;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/** Reading a capped request body and writing a {@link Reply}. */
final class Exchanges {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Exchanges() {}

  /**
   * The body, or null if it is longer than {@code cap}. A declared Content-Length over the cap is
   * refused without reading; otherwise at most cap + 1 bytes are read. What is left unread is the
   * server's to drain or drop when the exchange closes.
   */
  static byte[] readCapped(HttpExchange ex, int cap) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > cap) {
          return null;
        }
      } catch (NumberFormatException ignored) {
        // the server refuses malformed lengths itself; fall back to reading with the cap
      }
    }
    InputStream in = ex.getRequestBody();
    byte[] b = in.readNBytes(cap + 1);
    return b.length > cap ? null : b;
  }

  /** Sends {@code r}: its headers, its status, and its body as JSON (no body for HEAD). */
  static void send(HttpExchange ex, Reply r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(r.status(), -1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(r.body());
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(r.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
