package dev.roster.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import dev.roster.serve.webhook.Delivery.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitHub: X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256 only. */
class GitHubWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

  @Override
  Provider provider() {
    return Provider.GITHUB;
  }

  @Override
  String pushFixture() {
    return "github-push.json";
  }

  @Override
  String repoUrl() {
    return "ssh://git@GitHub.com/Octo-Org/config.git/";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    return Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", DELIVERY,
        "X-GitHub-Hook-ID", "109948940", "User-Agent", "GitHub-Hookshot/044aadd");
  }

  @Override
  String pushEvent() {
    return "push";
  }

  @Override
  String otherEvent() {
    return "pull_request";
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Hub-Signature-256", "sha256=" + Hooks.sha256(secret, body),
        "X-Hub-Signature", "sha1=" + Hooks.hmacHex("HmacSHA1", secret, body));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Test
  void sha1SignatureAloneIsRejected() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    Map<String, String> headers = new HashMap<>(eventHeaders("push"));
    headers.put("X-Hub-Signature", "sha1=" + Hooks.hmacHex("HmacSHA1", SECRET, body));
    Hooks.Answer a = h.post("/hooks/config", headers, body);
    assertEquals(401, a.status());
    assertEquals("missing X-Hub-Signature-256 (X-Hub-Signature alone is not accepted)",
        a.reason());
    assertEquals(0, t.calls());
  }

  @Test
  void upperCaseHexIsAccepted() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    Map<String, String> headers = new HashMap<>(eventHeaders("push"));
    headers.put("X-Hub-Signature-256", "sha256=" + Hooks.sha256(SECRET, body).toUpperCase());
    assertEquals(202, h.post("/hooks/config", headers, body).status());
    assertEquals(1, t.calls());
  }

  @Test
  void pingIsAnsweredWithPong() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = Hooks.fixture("github-ping.json");
    Hooks.Answer a = h.post("/hooks/config", signed("ping", body, SECRET), body);
    assertEquals(200, a.status());
    assertEquals("{\"result\":\"pong\"}", a.json().toString());
    assertEquals(0, t.calls());
    assertEquals(Result.IGNORED, h.last().result());
    assertEquals("ping", h.last().event());
  }

  @Test
  void unsignedPingIsRejected() throws Exception {
    Hooks h = start(source());
    byte[] body = Hooks.fixture("github-ping.json");
    assertEquals(401, h.post("/hooks/config", eventHeaders("ping"), body).status());
  }

  @Test
  void parsesDocumentedPushShape() {
    Headers headers = new Headers();
    eventHeaders("push").forEach(headers::add);
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(new PushEvent(Provider.GITHUB, DELIVERY, EventKind.PUSH, "push",
        List.of(new PushEvent.RefUpdate("refs/heads/main",
            "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c")),
        List.of("https://github.com/octo-org/config", "https://github.com/octo-org/config.git",
            "git@github.com:octo-org/config.git", "git://github.com/octo-org/config.git")), e);
    assertEquals("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", e.after());
  }
}
