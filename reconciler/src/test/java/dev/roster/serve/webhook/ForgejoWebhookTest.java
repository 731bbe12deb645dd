package dev.roster.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forgejo: X-Forgejo-Event, X-Forgejo-Delivery, X-Forgejo-Signature (hex, no prefix). Forgejo
 * also sends Gitea's headers; the Forgejo ones decide.
 */
class ForgejoWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  @Override
  Provider provider() {
    return Provider.FORGEJO;
  }

  @Override
  String pushFixture() {
    return "forgejo-push.json";
  }

  @Override
  String repoUrl() {
    return "https://Codeberg.org/platform/config.git";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    Map<String, String> h = new HashMap<>();
    for (String p : List.of("Forgejo", "Gitea", "Gogs", "GitHub")) {
      h.put("X-" + p + "-Event", event);
      h.put("X-" + p + "-Delivery", DELIVERY);
    }
    return h;
  }

  @Override
  String pushEvent() {
    return "push";
  }

  @Override
  String otherEvent() {
    return "issues";
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Forgejo-Signature", Hooks.sha256(secret, body));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Test
  void parsesDocumentedPushShape() {
    Headers headers = new Headers();
    eventHeaders(pushEvent()).forEach(headers::add);
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(Provider.FORGEJO, e.provider());
    assertEquals("89e6c98d92887913cadf06b2adb97f26cde4849b", e.after());
    assertEquals(List.of("https://codeberg.org/platform/config",
        "https://codeberg.org/platform/config.git", "git@codeberg.org:platform/config.git"),
        e.repoUrls());
  }
}
