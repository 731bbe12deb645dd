package dev.roster.serve.webhook;

import static dev.roster.serve.webhook.Hooks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.serve.webhook.Delivery.Result;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every provider shares, run once per provider by its subclass against a real
 * HTTP server, with the provider's documented push payload and a real signature.
 */
abstract class ProviderWebhookTest {
  static final byte[] SECRET = utf8("It's dangerous to go alone! Take this.");
  static final byte[] WRONG = utf8("not the secret");
  static final String OTHER_REPO = "https://git.example.org/someone/else.git";
  static final int CAP = 16 * 1024;

  private Hooks hooks;

  /** The provider under test. */
  abstract Provider provider();

  /** Fixture file of a push to refs/heads/main. */
  abstract String pushFixture();

  /** The source's repo URL: the fixture's repository, spelt differently. */
  abstract String repoUrl();

  /** Event and delivery headers (no signature) for {@code event}. */
  abstract Map<String, String> eventHeaders(String event);

  /** The provider's name for a push event. */
  abstract String pushEvent();

  /** The provider's name for some event that is not a push; null if it has none. */
  abstract String otherEvent();

  /** The signature (or token) header for {@code body} under {@code secret}. */
  abstract Map<String, String> signature(byte[] body, byte[] secret);

  /** The delivery id {@link #eventHeaders} sends. */
  abstract String deliveryId();

  /** The push fixture moved to refs/heads/feature. */
  String otherBranch(String json) {
    return json.replace("refs/heads/main", "refs/heads/feature");
  }

  Hooks start(WebhookTarget... targets) throws Exception {
    hooks = new Hooks(WebhookOptions.defaults().withMaxBodyBytes(CAP), List.of(targets));
    return hooks;
  }

  @AfterEach
  void stop() {
    if (hooks != null) {
      hooks.close();
    }
  }

  FakeTarget source() {
    return new FakeTarget("config", "refs/heads/main", List.of(repoUrl()), SECRET);
  }

  byte[] push() {
    return Hooks.fixture(pushFixture());
  }

  Map<String, String> signed(String event, byte[] body, byte[] secret) {
    Map<String, String> h = new HashMap<>(eventHeaders(event));
    h.putAll(signature(body, secret));
    return h;
  }

  Hooks.Answer postPush(Hooks h, byte[] body) {
    return h.post("/hooks/config", signed(pushEvent(), body, SECRET), body);
  }

  /** {@code headers} with the delivery id (in every header that carries it) replaced. */
  Map<String, String> withDelivery(Map<String, String> headers, String id) {
    Map<String, String> h = new HashMap<>(headers);
    h.replaceAll((k, v) -> v.equals(deliveryId()) ? id : v);
    assertTrue(h.containsValue(id), "no header carries the delivery id " + deliveryId());
    return h;
  }

  /** A signed push of {@code body} as delivery {@code id}. */
  Hooks.Answer postPush(Hooks h, byte[] body, String id) {
    return h.post("/hooks/config", withDelivery(signed(pushEvent(), body, SECRET), id), body);
  }

  @Test
  void validPushIsQueuedOnce() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    Hooks.Answer a = postPush(h, push());
    assertEquals(202, a.status(), a.json().toString());
    assertEquals("queued", a.result());
    assertEquals(deliveryId(), a.json().path("delivery").asString(null));
    assertEquals(1, t.calls());
    String id = deliveryId() == null || deliveryId().isEmpty() ? "-" : deliveryId();
    assertEquals("webhook:" + provider().label() + "/" + id, t.reasons.get(0));
    Delivery d = h.last();
    assertEquals(Result.QUEUED, d.result());
    assertEquals(provider(), d.provider());
    assertEquals("config", d.source());
    assertEquals("refs/heads/main", d.ref());
    assertEquals(deliveryId(), d.deliveryId());
    assertEquals(202, d.status());
    assertEquals("coalesced", postPush(h, push(), "another-delivery").result());
    assertEquals(2, t.calls());
  }

  @Test
  void repeatedDeliveryIdIsAcknowledgedAndNotQueuedTwice() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    assertEquals("queued", postPush(h, push()).result());
    t.drain();
    Hooks.Answer again = postPush(h, push());
    assertEquals(200, again.status(), again.json().toString());
    assertEquals("duplicate", again.result());
    assertEquals(deliveryId(), again.json().path("delivery").asString(null));
    assertEquals(Result.DUPLICATE, h.last().result());
    assertEquals(1, t.calls(), "the repeat asked for no reconcile");
    assertEquals("queued", postPush(h, push(), "a-new-delivery").result());
    assertEquals(2, t.calls());
  }

  @Test
  void badSignatureFloodDoesNotUseTheSourceBudget() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    int flood = WebhookOptions.DEFAULT_BURST + WebhookOptions.DEFAULT_FAILURE_BURST + 10;
    Map<Integer, Integer> statuses = new HashMap<>();
    for (int i = 0; i < flood; i++) {
      Hooks.Answer a = h.post("/hooks/config",
          withDelivery(signed(pushEvent(), body, WRONG), "bad-" + i), body);
      statuses.merge(a.status(), 1, Integer::sum);
    }
    assertEquals(Map.of(401, WebhookOptions.DEFAULT_FAILURE_BURST,
        429, flood - WebhookOptions.DEFAULT_FAILURE_BURST), statuses,
        "failures past the client's budget are 429");
    assertEquals(Result.RATE_LIMITED, h.last().result());
    assertTrue(h.last().reason().contains("failed deliveries"), h.last().reason());
    Hooks.Answer real = postPush(h, body);
    assertEquals(202, real.status(), real.json().toString());
    assertEquals("queued", real.result());
    assertEquals(1, t.calls());
  }

  @Test
  void badSignatureIsRejected() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    Hooks.Answer a = h.post("/hooks/config", signed(pushEvent(), body, WRONG), body);
    assertEquals(401, a.status());
    assertEquals("rejected", a.result());
    assertEquals(0, t.calls());
    assertEquals(Result.REJECTED, h.last().result());
    assertEquals(401, h.last().status());
  }

  /** Whether the signature covers the body (GitLab sends a plain token instead). */
  boolean signsBody() {
    return true;
  }

  @Test
  void tamperedBodyIsRejected() throws Exception {
    assumeTrue(signsBody(), "provider does not sign bodies");
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    Map<String, String> headers = signed(pushEvent(), body, SECRET);
    byte[] tampered = utf8(otherBranch(new String(body, StandardCharsets.UTF_8)));
    assertFalse(Arrays.equals(body, tampered));
    assertEquals(401, h.post("/hooks/config", headers, tampered).status());
    assertEquals(0, t.calls());
  }

  @Test
  void missingSignatureIsRejected() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    Hooks.Answer a = h.post("/hooks/config", eventHeaders(pushEvent()), push());
    assertEquals(401, a.status());
    assertTrue(a.reason().startsWith("missing "), a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void sourceWithoutSecretRejectsEverything() throws Exception {
    FakeTarget t = new FakeTarget("config", "refs/heads/main", List.of(repoUrl()), null);
    Hooks h = start(t);
    Hooks.Answer a = postPush(h, push());
    assertEquals(401, a.status());
    assertEquals("no webhook secret is configured for this source", a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void pushToAnotherBranchIsIgnored() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = utf8(otherBranch(new String(push(), StandardCharsets.UTF_8)));
    Hooks.Answer a = postPush(h, body);
    assertEquals(202, a.status());
    assertEquals("ignored", a.result());
    assertEquals("ref refs/heads/feature is not the tracked ref refs/heads/main", a.reason());
    assertEquals(0, t.calls());
    assertEquals(Result.IGNORED, h.last().result());
    assertEquals("refs/heads/feature", h.last().ref());
  }

  @Test
  void pushToAnotherRepoIsIgnored() throws Exception {
    FakeTarget t = new FakeTarget("config", "refs/heads/main", List.of(OTHER_REPO), SECRET);
    Hooks h = start(t);
    Hooks.Answer a = postPush(h, push());
    assertEquals(202, a.status());
    assertEquals("ignored", a.result());
    assertTrue(a.reason().startsWith("repository "), a.reason());
    assertTrue(a.reason().endsWith(" is not the repository of source config"), a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void eventThatIsNotAPushIsIgnored() throws Exception {
    assumeTrue(otherEvent() != null, "provider has a single event");
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = utf8("{\"action\": \"opened\"}");
    Hooks.Answer a = h.post("/hooks/config", signed(otherEvent(), body, SECRET), body);
    assertEquals(202, a.status());
    assertEquals("ignored", a.result());
    assertEquals("event " + otherEvent() + " is not a push", a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = Arrays.copyOf(push(), CAP + 1);
    Arrays.fill(body, push().length, body.length, (byte) ' ');
    Hooks.Answer a = postPush(h, body);
    assertEquals(413, a.status());
    assertEquals("the body is larger than " + CAP + " bytes", a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void overTheRateLimitIs429() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    for (int i = 0; i < WebhookOptions.DEFAULT_BURST; i++) {
      assertEquals(202, postPush(h, push(), "d-" + i).status());
    }
    Hooks.Answer a = postPush(h, push(), "one-too-many");
    assertEquals(429, a.status());
    assertEquals("1", a.header("Retry-After"));
    assertEquals(Result.RATE_LIMITED, h.last().result());
    assertEquals(WebhookOptions.DEFAULT_BURST, t.calls());
  }

  @Test
  void neutralEndpointRoutesByRepoUrl() throws Exception {
    FakeTarget match = new FakeTarget("a", "main", List.of(repoUrl()), SECRET);
    FakeTarget otherRepo = new FakeTarget("b", "main", List.of(OTHER_REPO), SECRET);
    FakeTarget otherSecret = new FakeTarget("c", "main", List.of(repoUrl()), WRONG);
    Hooks h = start(otherRepo, match, otherSecret);
    byte[] body = push();
    Hooks.Answer a = h.post("/hooks", signed(pushEvent(), body, SECRET), body);
    assertEquals(202, a.status(), a.json().toString());
    assertEquals("queued", a.result());
    assertEquals("{\"a\":\"queued\"}", a.json().path("sources").toString());
    assertEquals(1, match.calls());
    assertEquals(0, otherRepo.calls());
    assertEquals(0, otherSecret.calls());
    assertEquals(List.of("a"), h.deliveries.stream().map(Delivery::source).toList());
  }

  @Test
  void listenerRecordsNeitherSecretNorSignatureNorBody() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    postPush(h, body);
    h.post("/hooks/config", signed(pushEvent(), body, WRONG), body);
    assertEquals(2, h.deliveries.size());
    String secret = new String(SECRET, StandardCharsets.UTF_8);
    List<String> forbidden = List.of(secret, Hooks.sha256(SECRET, body),
        Hooks.sha256(WRONG, body), new String(WRONG, StandardCharsets.UTF_8));
    for (Delivery d : h.deliveries) {
      assertNotNull(d.time());
      for (String f : forbidden) {
        assertFalse(d.toString().contains(f), d.toString());
      }
      assertFalse(d.toString().contains("\"repository\""), d.toString());
    }
  }
}
