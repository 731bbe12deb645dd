package dev.roster.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import dev.roster.serve.webhook.PushEvent.RefUpdate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bitbucket Server / Data Center: X-Event-Key {@code repo:refs_changed}, X-Request-Id,
 * X-Hub-Signature: sha256=&lt;hex&gt;; its test event is {@code diagnostics:ping}.
 */
class BitbucketServerWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "c0b5e1a2-3d4f-4b6a-8c9d-0e1f2a3b4c5d";

  @Override
  Provider provider() {
    return Provider.BITBUCKET_SERVER;
  }

  @Override
  String pushFixture() {
    return "bitbucket-server-push.json";
  }

  @Override
  String repoUrl() {
    return "https://bitbucket.example.com/scm/PLAT/config";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    return Map.of("X-Event-Key", event, "X-Request-Id", DELIVERY);
  }

  @Override
  String pushEvent() {
    return "repo:refs_changed";
  }

  @Override
  String otherEvent() {
    return "pr:opened";
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Hub-Signature", "sha256=" + Hooks.sha256(secret, body));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Test
  void diagnosticsPingIsAnsweredWithPong() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = Hooks.fixture("bitbucket-server-ping.json");
    Hooks.Answer a = h.post("/hooks/config", signed("diagnostics:ping", body, SECRET), body);
    assertEquals(200, a.status());
    assertEquals("pong", a.result());
    assertEquals(0, t.calls());
    assertEquals(Provider.BITBUCKET_SERVER, h.last().provider());
  }

  @Test
  void parsesDocumentedPushShape() {
    Headers headers = new Headers();
    eventHeaders(pushEvent()).forEach(headers::add);
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(List.of(new RefUpdate("refs/heads/main",
        "178864a7d521b6f5e720b386b2c2b0ef8563e0dc")), e.updates());
    assertEquals(List.of("ssh://git@bitbucket.example.com:7999/plat/config.git",
        "https://bitbucket.example.com/scm/plat/config.git",
        "https://bitbucket.example.com/projects/PLAT/repos/config/browse"), e.repoUrls());
  }
}
