package dev.roster.serve.webhook;

import static dev.roster.serve.webhook.Hooks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitLab: X-Gitlab-Event, X-Gitlab-Event-UUID, X-Gitlab-Token equal to the secret. */
class GitLabWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "13792a34-cac6-4fda-95a8-c58e00a3954e";

  @Override
  Provider provider() {
    return Provider.GITLAB;
  }

  @Override
  String pushFixture() {
    return "gitlab-push.json";
  }

  @Override
  String repoUrl() {
    return "https://deploy-token:glpat-xyz@gitlab.example.com/platform/config";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    return Map.of("X-Gitlab-Event", event, "X-Gitlab-Event-UUID", DELIVERY,
        "X-Gitlab-Webhook-UUID", "a4d7b3c2-1f5e-4a3b-9c8d-7e6f5a4b3c2d",
        "X-Gitlab-Instance", "https://gitlab.example.com", "User-Agent", "GitLab/18.5.0");
  }

  @Override
  String pushEvent() {
    return "Push Hook";
  }

  @Override
  String otherEvent() {
    return "Merge Request Hook";
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Gitlab-Token", new String(secret, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Override
  boolean signsBody() {
    return false;
  }

  @Test
  void tokenThatIsAPrefixOfTheSecretIsRejected() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    Map<String, String> headers = new HashMap<>(eventHeaders(pushEvent()));
    headers.put("X-Gitlab-Token", "It's dangerous");
    assertEquals(401, h.post("/hooks/config", headers, push()).status());
    assertEquals(0, t.calls());
  }

  @Test
  void tagPushHookIsAPushToTheTag() throws Exception {
    FakeTarget t = new FakeTarget("config", "v1.2.0", List.of(repoUrl()), SECRET);
    Hooks h = start(t);
    byte[] body = utf8(new String(push(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"object_kind\": \"push\"", "\"object_kind\": \"tag_push\"")
        .replace("refs/heads/main", "refs/tags/v1.2.0"));
    Hooks.Answer a = h.post("/hooks/config", signed("Tag Push Hook", body, SECRET), body);
    assertEquals("queued", a.result());
    assertEquals("refs/tags/v1.2.0", h.last().ref());
  }

  @Test
  void idempotencyKeyIsTheDeliveryIdWhenNoEventUuid() {
    Headers headers = new Headers();
    headers.add("X-Gitlab-Event", "Push Hook");
    headers.add("Idempotency-Key", "f0b6a3a4-9e4b-4a5c-b1b2-0c3d4e5f6a7b");
    assertEquals("f0b6a3a4-9e4b-4a5c-b1b2-0c3d4e5f6a7b",
        WebhookVerifier.select(headers).deliveryId(headers));
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyIsADuplicate() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    Map<String, String> first = new HashMap<>(signed(pushEvent(), body, SECRET));
    first.put("Idempotency-Key", "retry-key-1");
    assertEquals("queued", h.post("/hooks/config", first, body).result());
    Map<String, String> retry = new HashMap<>(first);
    retry.put("X-Gitlab-Event-UUID", "another-event-uuid");
    Hooks.Answer a = h.post("/hooks/config", retry, body);
    assertEquals("duplicate", a.result(), a.json().toString());
    assertEquals(1, t.calls());
  }

  @Test
  void systemHookPushIsAPush() {
    Headers headers = new Headers();
    headers.add("X-Gitlab-Event", "System Hook");
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(EventKind.PUSH, e.kind());
    PushEvent other = PushParser.parse(WebhookVerifier.select(headers), headers,
        utf8("{\"event_name\": \"project_create\"}"));
    assertEquals(EventKind.OTHER, other.kind());
  }

  @Test
  void parsesDocumentedPushShape() {
    Headers headers = new Headers();
    eventHeaders(pushEvent()).forEach(headers::add);
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(EventKind.PUSH, e.kind());
    assertEquals("refs/heads/main", e.ref());
    assertEquals("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", e.after());
    assertEquals(List.of("https://gitlab.example.com/platform/config",
        "https://gitlab.example.com/platform/config.git",
        "git@gitlab.example.com:platform/config.git"), e.repoUrls());
  }
}
