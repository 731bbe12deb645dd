package dev.roster.serve.webhook;

import static dev.roster.serve.webhook.Hooks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Roster's generic form: X-Roster-Signature: sha256=&lt;hex&gt;, optional X-Roster-Delivery, body
 * {@code {"ref": …, "repository": …}} with both fields optional.
 */
class GenericWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "ci-run-4711";

  @Override
  Provider provider() {
    return Provider.GENERIC;
  }

  @Override
  String pushFixture() {
    return "generic-push.json";
  }

  @Override
  String repoUrl() {
    return "git.example.com/platform/config";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    return Map.of("X-Roster-Delivery", DELIVERY);
  }

  @Override
  String pushEvent() {
    return "push";
  }

  @Override
  String otherEvent() {
    return null;
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Roster-Signature", "sha256=" + Hooks.sha256(secret, body));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Test
  void emptyBodyTriggersTheNamedSource() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = new byte[0];
    Hooks.Answer a = h.post("/hooks/config", signature(body, SECRET), body);
    assertEquals(202, a.status(), a.json().toString());
    assertEquals("queued", a.result());
    assertEquals(null, a.json().get("delivery"));
    assertEquals(List.of("webhook:generic/-"), t.reasons);
  }

  @Test
  void shortRefIsABranch() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = utf8("{\"ref\": \"main\"}");
    assertEquals("queued", postPush(h, body).result());
    assertEquals("refs/heads/main", h.last().ref());
  }

  @Test
  void neutralEndpointNeedsARepository() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = utf8("{\"ref\": \"refs/heads/main\"}");
    Hooks.Answer a = h.post("/hooks", signed("push", body, SECRET), body);
    assertEquals(202, a.status());
    assertEquals("the payload names no repository; send it to /hooks/<source> instead",
        a.reason());
    assertEquals(0, t.calls());
    assertEquals(WebhookHandler.ALL_SOURCES, h.last().source());
  }
}
