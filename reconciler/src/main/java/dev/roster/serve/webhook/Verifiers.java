package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The built-in verifiers and the header lookups they share. */
final class Verifiers {
  static final WebhookVerifier GITHUB = new HmacVerifier(Provider.GITHUB, "X-GitHub-Event",
      List.of("X-GitHub-Delivery"), "X-Hub-Signature-256", "sha256=", "X-Hub-Signature");
  static final WebhookVerifier GITLAB = new GitLabVerifier();
  static final WebhookVerifier GITEA = new HmacVerifier(Provider.GITEA, "X-Gitea-Event",
      List.of("X-Gitea-Delivery"), "X-Gitea-Signature", "", null);
  static final WebhookVerifier FORGEJO = new HmacVerifier(Provider.FORGEJO, "X-Forgejo-Event",
      List.of("X-Forgejo-Delivery"), "X-Forgejo-Signature", "", null);
  static final WebhookVerifier BITBUCKET_CLOUD = new HmacVerifier(Provider.BITBUCKET_CLOUD,
      "X-Event-Key", List.of("X-Request-UUID"), "X-Hub-Signature", "sha256=", null);
  static final WebhookVerifier BITBUCKET_SERVER = new HmacVerifier(Provider.BITBUCKET_SERVER,
      "X-Event-Key", List.of("X-Request-Id"), "X-Hub-Signature", "sha256=", null);
  static final WebhookVerifier GENERIC = new HmacVerifier(Provider.GENERIC, null,
      List.of("X-Roster-Delivery"), "X-Roster-Signature", "sha256=", null);
  static final List<WebhookVerifier> ALL =
      List.of(GITHUB, GITLAB, GITEA, FORGEJO, BITBUCKET_CLOUD, BITBUCKET_SERVER, GENERIC);

  private Verifiers() {}

  static WebhookVerifier select(Headers h) {
    if (has(h, "X-Forgejo-Event")) {
      return FORGEJO;
    }
    if (has(h, "X-Gitea-Event")) {
      return GITEA;
    }
    if (has(h, "X-GitHub-Event")) {
      return GITHUB;
    }
    if (has(h, "X-Gitlab-Event")) {
      return GITLAB;
    }
    if (has(h, "X-Event-Key")) {
      return has(h, "X-Hook-UUID") || has(h, "X-Request-UUID") ? BITBUCKET_CLOUD : BITBUCKET_SERVER;
    }
    return GENERIC;
  }

  static boolean has(Headers h, String name) {
    return first(h, name) != null;
  }

  /** The first non-blank value of the first header present, trimmed; null if none. */
  static String first(Headers h, List<String> names) {
    for (String name : names) {
      String v = first(h, name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static String first(Headers h, String name) {
    String v = h.getFirst(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  static boolean noSecret(byte[] secret) {
    return secret == null || secret.length == 0;
  }

  static byte[] hmacSha256(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
    }
  }

  /**
   * Constant-time equality of {@code given} and {@code secret} that does not reveal the secret's
   * length either: both sides are hashed first.
   */
  static boolean sameSecret(String given, byte[] secret) {
    try {
      MessageDigest a = MessageDigest.getInstance("SHA-256");
      MessageDigest b = MessageDigest.getInstance("SHA-256");
      return MessageDigest.isEqual(
          a.digest(given.getBytes(StandardCharsets.UTF_8)), b.digest(secret));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  static Optional<String> noSecretReason() {
    return Optional.of("no webhook secret is configured for this source");
  }
}
