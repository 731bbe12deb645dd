package dev.roster.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gitea: X-Gitea-Event, X-Gitea-Delivery, X-Gitea-Signature (hex, no prefix). Gitea also sends
 * GitHub's and Gogs' headers; the Gitea ones decide.
 */
class GiteaWebhookTest extends ProviderWebhookTest {
  static final String DELIVERY = "9f3a2c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8";

  @Override
  Provider provider() {
    return Provider.GITEA;
  }

  @Override
  String pushFixture() {
    return "gitea-push.json";
  }

  @Override
  String repoUrl() {
    return "git@gitea.example.com:platform/config";
  }

  @Override
  Map<String, String> eventHeaders(String event) {
    Map<String, String> h = new HashMap<>();
    for (String p : List.of("Gitea", "Gogs", "GitHub")) {
      h.put("X-" + p + "-Event", event);
      h.put("X-" + p + "-Event-Type", event);
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
    return "pull_request";
  }

  @Override
  Map<String, String> signature(byte[] body, byte[] secret) {
    return Map.of("X-Gitea-Signature", Hooks.sha256(secret, body));
  }

  @Override
  String deliveryId() {
    return DELIVERY;
  }

  @Test
  void githubStyleSignatureAloneDoesNotPassForGitea() throws Exception {
    FakeTarget t = source();
    Hooks h = start(t);
    byte[] body = push();
    Map<String, String> headers = new HashMap<>(eventHeaders("push"));
    headers.put("X-Hub-Signature-256", "sha256=" + Hooks.sha256(SECRET, body));
    Hooks.Answer a = h.post("/hooks/config", headers, body);
    assertEquals(401, a.status());
    assertEquals("missing X-Gitea-Signature", a.reason());
  }

  @Test
  void parsesDocumentedPushShape() {
    Headers headers = new Headers();
    eventHeaders(pushEvent()).forEach(headers::add);
    PushEvent e = PushParser.parse(WebhookVerifier.select(headers), headers, push());
    assertEquals(Provider.GITEA, e.provider());
    assertEquals("bffeb74224043ba2feb48d137756c8a9331c449a", e.after());
    assertEquals(List.of("https://gitea.example.com/platform/config",
        "https://gitea.example.com/platform/config.git",
        "git@gitea.example.com:platform/config.git"), e.repoUrls());
  }
}
