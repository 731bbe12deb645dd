package dev.roster.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Real push payloads of each provider (the webhook fixtures), pointed at the test's repository
 * and signed the way the provider signs them.
 */
enum Pushes {
  GITHUB("github", "github-push.json", "github.com/octo-org/config"),
  GITLAB("gitlab", "gitlab-push.json", "gitlab.example.com/platform/config"),
  GITEA("gitea", "gitea-push.json", "gitea.example.com/platform/config"),
  BITBUCKET_CLOUD("bitbucket-cloud", "bitbucket-cloud-push.json", "bitbucket.org/platform/config"),
  GENERIC("generic", "generic-push.json", "git.example.com/platform/config");

  final String label;
  private final String fixture;
  private final String fixtureRepo;

  Pushes(String label, String fixture, String fixtureRepo) {
    this.label = label;
    this.fixture = fixture;
    this.fixtureRepo = fixtureRepo;
  }

  /** The fixture with its repository replaced by {@code repoUrl} (scheme dropped). */
  byte[] body(String repoUrl) {
    String hostAndPath = repoUrl.replaceFirst("^[a-z]+://", "");
    return fixtureText().replace(fixtureRepo, hostAndPath).getBytes(StandardCharsets.UTF_8);
  }

  /** Event, delivery and signature headers of a push with {@code body}, signed with {@code secret}. */
  Map<String, String> headers(String delivery, byte[] body, byte[] secret) {
    Map<String, String> h = new LinkedHashMap<>();
    String hex = hmacSha256(secret, body);
    switch (this) {
      case GITHUB -> {
        h.put("X-GitHub-Event", "push");
        h.put("X-GitHub-Delivery", delivery);
        h.put("X-Hub-Signature-256", "sha256=" + hex);
      }
      case GITLAB -> {
        h.put("X-Gitlab-Event", "Push Hook");
        h.put("X-Gitlab-Event-UUID", delivery);
        h.put("X-Gitlab-Token", new String(secret, StandardCharsets.UTF_8));
      }
      case GITEA -> {
        h.put("X-Gitea-Event", "push");
        h.put("X-Gitea-Delivery", delivery);
        h.put("X-Gitea-Signature", hex);
      }
      case BITBUCKET_CLOUD -> {
        h.put("X-Event-Key", "repo:push");
        h.put("X-Request-UUID", delivery);
        h.put("X-Hook-UUID", "{e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b}");
        h.put("X-Hub-Signature", "sha256=" + hex);
      }
      case GENERIC -> {
        h.put("X-Roster-Delivery", delivery);
        h.put("X-Roster-Signature", "sha256=" + hex);
      }
      default -> throw new IllegalStateException(name());
    }
    return h;
  }

  private String fixtureText() {
    try (InputStream in = Pushes.class.getResourceAsStream("/fixtures/webhook/" + fixture)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + fixture);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!text.contains(fixtureRepo)) {
        throw new IllegalStateException(fixture + " does not name " + fixtureRepo);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hmacSha256(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
