package dev.roster.serve.webhook;

import static dev.roster.serve.webhook.Hooks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.webhook.Delivery.Result;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing, limits and failure answers of the handler, over real HTTP with the generic form. */
class WebhookHandlerTest {
  static final byte[] SECRET = utf8("generic-secret");
  static final String REPO = "https://git.example.com/platform/config.git";

  private Hooks hooks;

  Hooks start(WebhookOptions options, WebhookTarget... targets) throws Exception {
    hooks = new Hooks(options, List.of(targets));
    return hooks;
  }

  @AfterEach
  void stop() {
    if (hooks != null) {
      hooks.close();
    }
  }

  static FakeTarget target(String name, String ref) {
    return new FakeTarget(name, ref, List.of(REPO), SECRET);
  }

  private static final AtomicInteger DELIVERIES = new AtomicInteger();

  /** Signature headers and a delivery id of its own. */
  static Map<String, String> signed(byte[] body) {
    return Map.of("X-Roster-Signature", "sha256=" + Hooks.sha256(SECRET, body),
        "X-Roster-Delivery", "d-" + DELIVERIES.incrementAndGet());
  }

  static byte[] push(String ref, String repo) {
    return utf8("{\"ref\": \"" + ref + "\", \"repository\": \"" + repo + "\"}");
  }

  Hooks.Answer post(String path, byte[] body) {
    return hooks.post(path, signed(body), body);
  }

  @Test
  void onlyPostIsAllowed() throws Exception {
    FakeTarget t = target("config", "main");
    start(WebhookOptions.defaults(), t);
    Hooks.Answer get = hooks.send("/hooks/config", "GET", Map.of(), BodyPublishers.noBody());
    assertEquals(405, get.status());
    assertEquals("POST", get.header("Allow"));
    assertEquals("method GET is not allowed; use POST", get.reason());
    Hooks.Answer head = hooks.send("/hooks", "HEAD", Map.of(), BodyPublishers.noBody());
    assertEquals(405, head.status());
    assertEquals(Result.REJECTED, hooks.last().result());
    assertEquals(0, t.calls());
  }

  @Test
  void unknownSourceAndPathAre404() throws Exception {
    start(WebhookOptions.defaults(), target("config", "main"));
    byte[] body = push("main", REPO);
    Hooks.Answer a = post("/hooks/nope", body);
    assertEquals(404, a.status());
    assertEquals("no source named nope", a.reason());
    assertEquals(404, post("/hooks/config/extra", body).status());
    assertEquals(404, post("/hooksconfig", body).status());
    assertEquals(202, post("/hooks/config/", body).status());
  }

  @Test
  void chunkedBodyOverTheCapIs413() throws Exception {
    FakeTarget t = target("config", "main");
    start(WebhookOptions.defaults().withMaxBodyBytes(1024), t);
    byte[] body = Arrays.copyOf(push("main", REPO), 4096);
    Arrays.fill(body, push("main", REPO).length, body.length, (byte) ' ');
    Hooks.Answer a = hooks.postChunked("/hooks/config", signed(body), body);
    assertEquals(413, a.status());
    assertEquals(0, t.calls());
    byte[] fits = push("main", REPO);
    assertEquals(202, hooks.postChunked("/hooks/config", signed(fits), fits).status());
  }

  @Test
  void defaultsAreOneMebibyteBurst20AndFivePerSecond() {
    WebhookOptions o = WebhookOptions.defaults();
    assertEquals(1 << 20, o.maxBodyBytes());
    assertEquals(20, o.burst());
    assertEquals(5.0, o.perSecond());
  }

  @Test
  void rateLimitRefillsWithTheClockPerEndpoint() throws Exception {
    FakeTarget a = target("a", "main");
    FakeTarget b = target("b", "main");
    start(WebhookOptions.defaults().withRateLimit(2, 1), a, b);
    byte[] body = push("main", REPO);
    assertEquals(202, post("/hooks/a", body).status());
    assertEquals(202, post("/hooks/a", body).status());
    Hooks.Answer limited = post("/hooks/a", body);
    assertEquals(429, limited.status());
    assertEquals("1", limited.header("Retry-After"));
    assertEquals("rate-limited", limited.result());
    assertEquals(202, post("/hooks/b", body).status(), "each source has its own bucket");
    assertEquals(202, post("/hooks", body).status(), "so has /hooks");
    hooks.clock.advance(Duration.ofMillis(500));
    assertEquals(429, post("/hooks/a", body).status());
    hooks.clock.advance(Duration.ofMillis(500));
    assertEquals(202, post("/hooks/a", body).status());
    assertEquals(4, a.calls(), "2 direct, 1 via /hooks, 1 after the refill");
    assertEquals(2, b.calls(), "1 direct, 1 via /hooks");
  }

  @Test
  void bodyThatIsNotJsonIs400AfterVerification() throws Exception {
    FakeTarget t = target("config", "main");
    start(WebhookOptions.defaults(), t);
    byte[] body = utf8("ref=main");
    assertEquals(401, hooks.post("/hooks/config", Map.of(), body).status());
    Hooks.Answer a = post("/hooks/config", body);
    assertEquals(400, a.status());
    assertEquals("the body is not valid JSON", a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void failingQueueIs503() throws Exception {
    FakeTarget t = target("config", "main")
        .failingWith(new IllegalStateException("queue closed for https://u:tok@h/x"));
    start(WebhookOptions.defaults(), t);
    Hooks.Answer a = post("/hooks/config", push("main", REPO));
    assertEquals(503, a.status());
    assertEquals("source config could not queue a reconcile: queue closed for https://h/x",
        a.reason());
    assertEquals(Result.REJECTED, hooks.last().result());
    byte[] body = push("main", REPO);
    Map<String, String> once = signed(body);
    assertEquals(503, hooks.post("/hooks/config", once, body).status());
    t.healed();
    Hooks.Answer redelivered = hooks.post("/hooks/config", once, body);
    assertEquals("queued", redelivered.result(), "a refused delivery id is not remembered");
    assertEquals("duplicate", hooks.post("/hooks/config", once, body).result());
  }

  @Test
  void failuresUseTheClientsBudgetNotTheSources() throws Exception {
    FakeTarget t = target("config", "main");
    start(WebhookOptions.defaults().withRateLimit(1, 1).withFailureLimit(2, 1), t);
    byte[] body = push("main", REPO);
    Map<String, String> bad = Map.of("X-Roster-Signature", "sha256=00");
    assertEquals(401, hooks.post("/hooks/config", bad, body).status());
    assertEquals(401, hooks.post("/hooks/config", bad, body).status());
    Hooks.Answer limited = hooks.post("/hooks/config", bad, body);
    assertEquals(429, limited.status());
    assertEquals("1", limited.header("Retry-After"));
    assertEquals(202, post("/hooks/config", body).status(), "the source's one token was unused");
    assertEquals(429, post("/hooks/config", body).status(), "now it is used");
    hooks.clock.advance(Duration.ofSeconds(1));
    assertEquals(401, hooks.post("/hooks/config", bad, body).status(), "refilled");
  }

  @Test
  void brokenListenerDoesNotBreakTheAnswer() throws Exception {
    FakeTarget t = target("config", "main");
    hooks = new Hooks(WebhookOptions.defaults(), List.of(t), d -> {
      throw new IllegalStateException("listener down");
    });
    assertEquals("queued", post("/hooks/config", push("main", REPO)).result());
    assertEquals(1, t.calls());
    assertEquals(1, hooks.deliveries.size());
  }

  @Test
  void neutralEndpointAppliesToEverySourceOfTheRepo() throws Exception {
    FakeTarget main = target("main-src", "refs/heads/main");
    FakeTarget prod = target("prod-src", "refs/heads/prod");
    FakeTarget any = new FakeTarget("head-src", null,
        List.of("git@git.example.com:platform/config"), SECRET);
    start(WebhookOptions.defaults(), main, prod, any);
    Hooks.Answer a =
        post("/hooks", push("refs/heads/main", "https://git.example.com/platform/config"));
    assertEquals(202, a.status());
    assertEquals("queued", a.result());
    assertEquals("{\"main-src\":\"queued\",\"prod-src\":\"ignored\",\"head-src\":\"queued\"}",
        a.json().path("sources").toString());
    assertEquals(List.of(1, 0, 1), List.of(main.calls(), prod.calls(), any.calls()));
    assertEquals("ref refs/heads/main is not the tracked ref refs/heads/prod",
        hooks.deliveries.get(1).reason());
  }

  @Test
  void neutralEndpointWithNoMatchingRepoOrSecret() throws Exception {
    FakeTarget t = target("config", "main");
    start(WebhookOptions.defaults(), t);
    Hooks.Answer other = post("/hooks", push("main", "https://u:s3cret@git.example.com/x/y.git"));
    assertEquals(202, other.status());
    assertEquals("repository https://git.example.com/x/y.git matches no source", other.reason());
    assertEquals(WebhookHandler.ALL_SOURCES, hooks.last().source());
    byte[] body = push("main", REPO);
    Hooks.Answer bad = hooks.post("/hooks",
        Map.of("X-Roster-Signature", "sha256=" + Hooks.sha256(utf8("x"), body)), body);
    assertEquals(401, bad.status());
    assertEquals("no source's secret verifies this delivery "
        + "(X-Roster-Signature does not match the body and secret)", bad.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void rejectedDeliveryKeepsHeadersButNotTheSignature() throws Exception {
    start(WebhookOptions.defaults(), target("config", "main"));
    byte[] body = push("main", REPO);
    String sig = "sha256=" + Hooks.sha256(utf8("wrong"), body);
    hooks.post("/hooks/config", Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "gh-1",
        "X-Hub-Signature-256", sig), body);
    Delivery d = hooks.last();
    assertEquals(Provider.GITHUB, d.provider());
    assertEquals("gh-1", d.deliveryId());
    assertEquals("push", d.event());
    assertEquals(401, d.status());
    assertFalse(d.toString().contains(sig.substring(7)), d.toString());
  }

  @Test
  void serversGetNoDelay() {
    assertEquals("true", System.getProperty(HttpServers.NODELAY));
  }
}
