package dev.roster.serve.webhook;

import static dev.roster.serve.webhook.Hooks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Provider selection, signature parsing, ref tracking, the token bucket and record hygiene. */
class WebhookUnitsTest {

  static Headers headers(Map<String, String> m) {
    Headers h = new Headers();
    m.forEach(h::add);
    return h;
  }

  @Test
  void providerIsChosenByHeaders() {
    Map<Map<String, String>, Provider> cases = Map.of(
        Map.of("X-GitHub-Event", "push"), Provider.GITHUB,
        Map.of("X-Gitlab-Event", "Push Hook"), Provider.GITLAB,
        Map.of("X-Gitea-Event", "push", "X-GitHub-Event", "push"), Provider.GITEA,
        Map.of("X-Forgejo-Event", "push", "X-Gitea-Event", "push"), Provider.FORGEJO,
        Map.of("X-Event-Key", "repo:push", "X-Hook-UUID", "{u}"), Provider.BITBUCKET_CLOUD,
        Map.of("X-Event-Key", "repo:push", "X-Request-UUID", "u"), Provider.BITBUCKET_CLOUD,
        Map.of("X-Event-Key", "repo:refs_changed", "X-Request-Id", "i"),
        Provider.BITBUCKET_SERVER,
        Map.of("X-Roster-Signature", "sha256=00"), Provider.GENERIC,
        Map.of(), Provider.GENERIC);
    cases.forEach((h, p) -> assertEquals(p, WebhookVerifier.select(headers(h)).provider(),
        h.toString()));
    assertEquals(List.of(Provider.values()),
        WebhookVerifier.all().stream().map(WebhookVerifier::provider).toList());
  }

  @Test
  void malformedSignaturesAreRejectedWithAReason() {
    byte[] body = utf8("{}");
    byte[] secret = utf8("s");
    WebhookVerifier github = Verifiers.GITHUB;
    assertEquals(Optional.of("X-Hub-Signature-256 is not hex"), github.verify(
        headers(Map.of("X-Hub-Signature-256", "sha256=zz")), body, secret));
    assertEquals(Optional.of("X-Hub-Signature-256 does not start with sha256="), github.verify(
        headers(Map.of("X-Hub-Signature-256", Hooks.sha256(secret, body))), body, secret));
    assertEquals(Optional.of("X-Hub-Signature-256 does not match the body and secret"),
        github.verify(headers(Map.of("X-Hub-Signature-256", "sha256=")), body, secret));
    assertTrue(github.verify(headers(Map.of("X-Hub-Signature-256",
        "sha256=" + Hooks.sha256(secret, body))), body, new byte[0]).isPresent());
    assertEquals(Optional.empty(), Verifiers.GITEA.verify(
        headers(Map.of("X-Gitea-Signature", " " + Hooks.sha256(secret, body) + " ")), body,
        secret));
  }

  @Test
  void trackedRefForms() {
    assertTrue(Routing.tracks("refs/heads/main", "refs/heads/main"));
    assertFalse(Routing.tracks("refs/heads/main", "refs/heads/main2"));
    assertTrue(Routing.tracks("main", "refs/heads/main"));
    assertTrue(Routing.tracks("v1", "refs/tags/v1"));
    assertFalse(Routing.tracks("main", "refs/tags/v1"));
    assertTrue(Routing.tracks(null, "refs/heads/anything"));
    assertTrue(Routing.tracks("HEAD", "refs/heads/anything"));
  }

  @Test
  void tokenBucketRefillsAtItsRate() {
    TestClock clock = new TestClock();
    RateLimiter limiter = new RateLimiter(3, 2, clock);
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, limiter.acquire("a"));
    }
    assertEquals(Duration.ofMillis(500), limiter.acquire("a"));
    assertEquals(Duration.ZERO, limiter.acquire("b"));
    clock.advance(Duration.ofMillis(250));
    assertEquals(Duration.ofMillis(250), limiter.acquire("a"));
    clock.advance(Duration.ofMillis(250));
    assertEquals(Duration.ZERO, limiter.acquire("a"));
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, limiter.acquire("a"), "refill stops at the burst");
    }
    assertFalse(limiter.acquire("a").isZero());
    assertEquals(1, RateLimiter.retryAfterSeconds(Duration.ofMillis(1)));
    assertEquals(3, RateLimiter.retryAfterSeconds(Duration.ofMillis(2001)));
  }

  @Test
  void deliveryFieldsAreBoundedAndClean() {
    Delivery d = new Delivery(Instant.EPOCH, "s\u001b[31m", Provider.GITHUB, "x".repeat(1000),
        "push\r\nX-Injected: 1", null, Delivery.Result.REJECTED, 401,
        "see https://user:pass@host/repo");
    assertEquals("s?[31m", d.source());
    assertEquals(Delivery.MAX_FIELD + 1, d.deliveryId().length());
    assertEquals("push??X-Injected: 1", d.event());
    assertEquals("see https://host/repo", d.reason());
    assertNull(d.ref());
  }

  @Test
  void enqueueReasonNamesProviderAndDelivery() {
    PushEvent e = new PushEvent(Provider.GITLAB, "uuid-1", EventKind.PUSH, "Push Hook",
        List.of(new PushEvent.RefUpdate("refs/heads/main", "da1560886d4f094c3e6c9ef4")),
        List.of());
    assertEquals("webhook:gitlab/uuid-1",
        Routing.enqueueReason(e, "refs/heads/main"));
  }
}
