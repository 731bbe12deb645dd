package dev.roster.serve.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates JDK {@link HttpServer}s set up the way Roster's endpoints need: TCP_NODELAY on (without
 * it small responses wait on Nagle plus delayed ACK, about 40 ms each) and a worker pool instead
 * of the single dispatcher thread. The server applies no body limit and no TLS by itself.
 */
public final class HttpServers {
  /** The JDK property, read once when the HTTP server implementation first loads. */
  public static final String NODELAY = "sun.net.httpserver.nodelay";

  static {
    ensureNoDelay();
  }

  private HttpServers() {}

  /**
   * Sets {@value #NODELAY} to true unless it is already set (an explicit {@code -D} wins). Has
   * effect only before the JVM's first {@link HttpServer} is created.
   */
  public static void ensureNoDelay() {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  /** An unstarted server on {@code address} (port 0 picks one) whose handlers run on {@code
   * executor}; the caller starts it and, after {@code stop}, shuts the executor down. */
  public static HttpServer create(InetSocketAddress address, ExecutorService executor)
      throws IOException {
    ensureNoDelay();
    HttpServer server = HttpServer.create(address, 0);
    server.setExecutor(executor);
    return server;
  }

  /** A fixed pool of {@code threads} daemon threads named {@code <name>-<n>}. */
  public static ExecutorService executor(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
