package dev.roster.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a directory as static files over HTTP on 127.0.0.1 (GET only, 404 for anything
 * missing), as a plain web server serves a bare repository: Git's "dumb" HTTP protocol, no
 * {@code git-upload-pack}.
 */
final class DumbHttpServer implements AutoCloseable {
  private final HttpServer server;

  DumbHttpServer(Path root) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      Path file = base.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
      boolean ok = "GET".equals(ex.getRequestMethod()) && file.startsWith(base)
          && Files.isRegularFile(file);
      byte[] body = ok ? Files.readAllBytes(file) : new byte[0];
      ex.sendResponseHeaders(ok ? 200 : 404, ok ? body.length : -1);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
  }

  /** URL of {@code rel} under the served root. */
  String url(String rel) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + rel;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
