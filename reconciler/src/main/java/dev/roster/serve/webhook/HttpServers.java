package dev.roster.serve.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates JDK {@link HttpServer}s set up the way Roster's endpoints need: TCP_NODELAY on (without
 * it small responses wait on Nagle plus delayed ACK, about 40 ms each), a per-request read
 * deadline, and a worker pool instead of the single dispatcher thread. The server applies no body
 * limit and no TLS by itself.
 *
 * <p>The deadline is the JDK's {@value #MAX_REQ_TIME}: a connection that has not delivered its
 * whole request (line, headers and body) within that many seconds of starting it is closed, which
 * also frees the worker thread blocked reading it (measured: a client sending one byte every
 * 300 ms, headers or body, was cut off after the deadline plus at most the JDK's 1-second timer
 * tick). It is a JVM-wide setting read once, when the JDK's server class first loads, so it is
 * set here before the first server is created; an explicit {@code -D} wins.
 */
public final class HttpServers {
  /** The JDK property, read once when the HTTP server implementation first loads. */
  public static final String NODELAY = "sun.net.httpserver.nodelay";
  /** Seconds a connection may take to deliver one request; read once, like {@link #NODELAY}. */
  public static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  /** Seconds a connection may take to accept one response; read once, like {@link #NODELAY}. */
  public static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
  /** Roster's default for {@link #MAX_REQ_TIME} and {@link #MAX_RSP_TIME}, in seconds. */
  public static final String DEFAULT_DEADLINE_SECONDS = "10";

  static {
    ensureNoDelay();
  }

  private HttpServers() {}

  /**
   * Sets {@value #NODELAY} to true and the request and response deadlines to {@value
   * #DEFAULT_DEADLINE_SECONDS} seconds, each unless already set (an explicit {@code -D} wins). Has
   * effect only before the JVM's first {@link HttpServer} is created.
   */
  public static void ensureNoDelay() {
    setIfAbsent(NODELAY, "true");
    setIfAbsent(MAX_REQ_TIME, DEFAULT_DEADLINE_SECONDS);
    setIfAbsent(MAX_RSP_TIME, DEFAULT_DEADLINE_SECONDS);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
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
