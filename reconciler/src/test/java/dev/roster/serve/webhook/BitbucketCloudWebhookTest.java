package dev.roster.serve.webhook;

import static dev.roster.serve.webhook.Hooks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import dev.roster.serve.webhook.PushEvent.RefUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bitbucket Cloud: X-Event-Key {@code repo:push}, X-Hook-UUID, X-Request-UUID, and the secured
 * webhooks' X-Hub-Signature: sha256=&lt;hex&gt;.
 */
class BitbucketCloudWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "afe7a7a6-93d4-4a2f-8a4e-6f3b2c1d0e9f";

  @Override
  Provider provider() {
    return Provider.BITBUCKET_CLOUD;
  }

  @Override
  String pushFixture() {
    return "bitbucket-cloud-push.json";
  }

  @Override
  String repoUrl() {
    return "git@bitbucket.org:platform/config.git";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    return Map.of("X-Event-Key", event, "X-Hook-UUID", "{e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b}",
        "X-Request-UUID", DELIVERY, "X-Attempt-Number", "1",
        "User-Agent", "Bitbucket-Webhooks/2.0");
  }

  @Override
  String pushEvent() {
    return "repo:push";
  }

  @Override
  String otherEvent() {
    return "pullrequest:created";
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Hub-Signature", "sha256=" + Hooks.sha256(secret, body));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Override
  String otherBranch(String json) {
    return json.replace("\"name\": \"main\"", "\"name\": \"feature\"");
  }

  @Test
  void pushOfSeveralRefsMatchesTheTrackedOne() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    String json = new String(push(), StandardCharsets.UTF_8);
    String changes = json.substring(json.indexOf("\"changes\": [") + 12, json.lastIndexOf(']'));
    byte[] body = utf8(json.replace(changes, otherBranch(changes) + "," + changes));
    Hooks.Answer a = postPush(h, body);
    assertEquals("queued", a.result(), a.json().toString());
    assertEquals("refs/heads/main", h.last().ref());
    assertEquals(1, t.calls());
  }

  @Test
  void parsesDocumentedPushShape() {
    Headers headers = new Headers();
    eventHeaders(pushEvent()).forEach(headers::add);
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(List.of(new RefUpdate("refs/heads/main",
        "709d658dc5b6d6afcd46049c2f332ee3f515a67d")), e.updates());
    assertEquals(List.of("https://bitbucket.org/platform/config"), e.repoUrls());
    assertEquals(DELIVERY, e.deliveryId());
  }

  @Test
  void deletedBranchAndTagsHaveFullRefNames() {
    Headers headers = new Headers();
    eventHeaders(pushEvent()).forEach(headers::add);
    byte[] body = utf8("{\"push\": {\"changes\": ["
        + "{\"new\": null, \"old\": {\"type\": \"branch\", \"name\": \"gone\"}},"
        + "{\"new\": {\"type\": \"tag\", \"name\": \"v1\", \"target\": {\"hash\": \"abc\"}}}]}}");
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, body);
    assertEquals(List.of(new RefUpdate("refs/heads/gone", null),
        new RefUpdate("refs/tags/v1", "abc")), e.updates());
  }
}
