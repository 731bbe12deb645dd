package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.roster.serve.webhook.Delivery.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code POST /hooks/<source>} and {@code POST /hooks} (mount it at {@code /hooks}). Checks, in
 * order: path (404), method (405), source name (404), body size (413, read no further),
 * signature (401); a repeated delivery id (200 {@code duplicate}, not queued again); the
 * endpoint's rate limit (429 with {@code Retry-After}); JSON (400). Then it answers ping 200
 * {@code {"result":"pong"}}, anything not a push or not for the tracked repo and ref 202 {@code
 * ignored} with a reason, and a matching push 202 {@code queued} or {@code coalesced} after
 * {@link WebhookTarget#enqueue} (503 if that throws).
 *
 * <p>Verification comes before the rate limit, so only deliveries that verified use an
 * endpoint's budget: a flood of bad signatures cannot make a real push wait. Failures (413, 401)
 * use a budget of the client address instead; past it they are answered 429 with {@code
 * Retry-After}. A delivery id is remembered only once its delivery was accepted (2xx); the
 * memory is bounded ({@link WebhookOptions#recentDeliveries}). Each request is passed to the
 * listener as one {@link Delivery} per source it concerned, before the response is sent.
 * Thread-safe.
 */
public final class WebhookHandler implements HttpHandler {
  /** The source name recorded for {@code POST /hooks} when no single source applies. */
  public static final String ALL_SOURCES = "*";

  static {
    HttpServers.ensureNoDelay();
  }

  private final Supplier<? extends Collection<? extends WebhookTarget>> targets;
  private final Consumer<Delivery> listener;
  private final WebhookOptions options;
  private final RateLimiter limiter;
  private final RateLimiter failures;
  private final RecentDeliveries recent;
  private final Dispatch dispatch;

  /**
   * @param targets the sources, asked on every request (so config reloads apply)
   * @param listener receives every {@link Delivery}; called on the request thread before the
   *     response, so it must be quick; an exception from it is swallowed
   * @param options body cap, rate limit, clock
   */
  public WebhookHandler(Supplier<? extends Collection<? extends WebhookTarget>> targets,
      Consumer<Delivery> listener, WebhookOptions options) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = Objects.requireNonNull(options, "options");
    this.limiter = new RateLimiter(options.burst(), options.perSecond(), options.clock());
    this.failures = new RateLimiter(options.failureBurst(), options.failurePerSecond(),
        options.clock());
    this.recent = new RecentDeliveries(options.recentDeliveries());
    this.dispatch = new Dispatch(options.clock());
  }

  /** A handler for a fixed set of sources with {@link WebhookOptions#defaults()}. */
  public WebhookHandler(Collection<? extends WebhookTarget> targets, Consumer<Delivery> listener) {
    this(() -> targets, listener, WebhookOptions.defaults());
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Reply r;
      try {
        r = answer(ex);
      } catch (RuntimeException e) {
        r = dispatch.one(ALL_SOURCES, Verifiers.GENERIC, ex.getRequestHeaders(), null,
            Result.REJECTED, 500, "internal error: " + e.getClass().getSimpleName());
      }
      for (Delivery d : r.deliveries()) {
        try {
          listener.accept(d);
        } catch (RuntimeException ignored) {
          // a broken listener must not turn an accepted delivery into an error
        }
      }
      Exchanges.send(ex, r);
    }
  }

  private Reply answer(HttpExchange ex) throws IOException {
    var h = ex.getRequestHeaders();
    WebhookVerifier v = WebhookVerifier.select(h);
    String base = ex.getHttpContext().getPath().replaceAll("/+$", "");
    String path = ex.getRequestURI().getPath();
    String rest = path == null || !path.startsWith(base) ? null : path.substring(base.length());
    if (rest == null || !rest.matches("(/[^/]+)?/?")) {
      return dispatch.one(ALL_SOURCES, v, h, null, Result.REJECTED, 404,
          "no webhook endpoint at " + path);
    }
    String name = rest.replaceAll("^/|/$", "");
    String endpoint = name.isEmpty() ? ALL_SOURCES : name;
    if (!ex.getRequestMethod().equals("POST")) {
      return dispatch.one(endpoint, v, h, Map.of("Allow", "POST"), Result.REJECTED, 405,
          "method " + ex.getRequestMethod() + " is not allowed; use POST");
    }
    List<? extends WebhookTarget> candidates = List.copyOf(targets.get());
    if (!name.isEmpty()) {
      candidates = candidates.stream().filter(t -> name.equals(t.name())).limit(1).toList();
      if (candidates.isEmpty()) {
        return dispatch.one(endpoint, v, h, null, Result.REJECTED, 404, "no source named " + name);
      }
    }
    String client = client(ex);
    byte[] body = Exchanges.readCapped(ex, options.maxBodyBytes());
    if (body == null) {
      return failure(endpoint, v, h, client, dispatch.one(endpoint, v, h, null, Result.REJECTED,
          413, "the body is larger than " + options.maxBodyBytes() + " bytes"));
    }
    Dispatch.Verified verified = dispatch.verify(endpoint, candidates, v, h, body);
    if (verified.rejection() != null) {
      return failure(endpoint, v, h, client, verified.rejection());
    }
    String id = v.idempotencyKey(h);
    String key = id == null ? null : endpoint + "\n" + v.provider().label() + "\n" + id;
    if (!recent.reserve(key)) {
      return dispatch.one(endpoint, v, h, null, Result.DUPLICATE, 200,
          "delivery " + id + " was accepted before; not queued again");
    }
    Duration wait = limiter.acquire(endpoint);
    if (!wait.isZero()) {
      recent.release(key);
      long s = RateLimiter.retryAfterSeconds(wait);
      return dispatch.one(endpoint, v, h, Map.of("Retry-After", Long.toString(s)),
          Result.RATE_LIMITED, 429, "more than " + options.burst() + " deliveries in a burst or "
              + options.perSecond() + " per second to " + endpoint + "; retry in " + s + " s");
    }
    Reply r = dispatch.dispatch(endpoint, verified.targets(), v, h, body);
    if (r.status() >= 300) {
      recent.release(key);
    }
    return r;
  }

  /** {@code r}, a failure, unless {@code client} is past its failure budget: then 429. */
  private Reply failure(String endpoint, WebhookVerifier v, Headers h, String client, Reply r) {
    Duration wait = failures.acquire(client);
    if (wait.isZero()) {
      return r;
    }
    long s = RateLimiter.retryAfterSeconds(wait);
    return dispatch.one(endpoint, v, h, Map.of("Retry-After", Long.toString(s)),
        Result.RATE_LIMITED, 429, "more than " + options.failureBurst() + " failed deliveries in"
            + " a burst or " + options.failurePerSecond() + " per second from " + client
            + "; retry in " + s + " s (this one: " + r.deliveries().get(0).reason() + ")");
  }

  private static String client(HttpExchange ex) {
    InetSocketAddress a = ex.getRemoteAddress();
    return a == null || a.getAddress() == null ? "unknown" : a.getAddress().getHostAddress();
  }
}
