package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a delivery comes from whoever holds the source's secret, the way one provider signs
 * it. Verification reads headers and the raw body bytes only; the body is parsed as JSON only
 * after it passes. Every comparison is constant-time ({@link java.security.MessageDigest#isEqual}).
 *
 * <ul>
 *   <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 of the body. The SHA-1
 *       {@code X-Hub-Signature} alone is rejected; there is no fallback.
 *   <li>GitLab: {@code X-Gitlab-Token} equal to the secret.
 *   <li>Gitea / Forgejo: {@code X-Gitea-Signature} / {@code X-Forgejo-Signature}, hex HMAC-SHA256
 *       without prefix.
 *   <li>Bitbucket Cloud and Server/Data Center: {@code X-Hub-Signature: sha256=<hex>}.
 *   <li>Generic: {@code X-Roster-Signature: sha256=<hex>}.
 * </ul>
 */
public interface WebhookVerifier {

  /** The provider this verifier speaks for. */
  Provider provider();

  /**
   * Empty when {@code body} is authentic for {@code secret}; otherwise why not (naming headers,
   * never values). A null or empty secret always fails.
   */
  Optional<String> verify(Headers headers, byte[] body, byte[] secret);

  /** The provider's event name header value (cleaned later), or null; {@code push} if generic. */
  String event(Headers headers);

  /** The provider's delivery id header value, or null when it sent none. */
  String deliveryId(Headers headers);

  /**
   * The id that stays the same when the provider sends the same delivery again (a retry or a
   * manual redelivery), or null when it sent none: by default {@link #deliveryId}.
   */
  default String idempotencyKey(Headers headers) {
    return deliveryId(headers);
  }

  /**
   * The verifier for the provider the headers claim, checked in this order: {@code
   * X-Forgejo-Event} (Forgejo also sends Gitea's and GitHub's headers), {@code X-Gitea-Event},
   * {@code X-GitHub-Event}, {@code X-Gitlab-Event}, {@code X-Event-Key} (Bitbucket Cloud when
   * {@code X-Hook-UUID} or {@code X-Request-UUID} is present, else Server), and otherwise the
   * generic form.
   */
  static WebhookVerifier select(Headers headers) {
    return Verifiers.select(headers);
  }

  /** One verifier per provider, in {@link Provider} order. */
  static List<WebhookVerifier> all() {
    return Verifiers.ALL;
  }
}
