package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Optional;

/**
 * GitLab: {@code X-Gitlab-Token} must equal the secret (GitLab does not sign bodies). Compared in
 * constant time; the delivery id is {@code X-Gitlab-Event-UUID}, else {@code Idempotency-Key}.
 */
final class GitLabVerifier implements WebhookVerifier {
  static final String TOKEN = "X-Gitlab-Token";

  @Override
  public Provider provider() {
    return Provider.GITLAB;
  }

  @Override
  public Optional<String> verify(Headers headers, byte[] body, byte[] secret) {
    if (Verifiers.noSecret(secret)) {
      return Verifiers.noSecretReason();
    }
    String token = headers.getFirst(TOKEN);
    if (token == null || token.isEmpty()) {
      return Optional.of("missing " + TOKEN);
    }
    return Verifiers.sameSecret(token, secret)
        ? Optional.empty()
        : Optional.of(TOKEN + " does not match the secret");
  }

  @Override
  public String event(Headers headers) {
    return Verifiers.first(headers, "X-Gitlab-Event");
  }

  @Override
  public String deliveryId(Headers headers) {
    return Verifiers.first(headers, List.of("X-Gitlab-Event-UUID", "Idempotency-Key"));
  }

  /** {@code Idempotency-Key}, which GitLab keeps across retries; else the event UUID. */
  @Override
  public String idempotencyKey(Headers headers) {
    return Verifiers.first(headers, List.of("Idempotency-Key", "X-Gitlab-Event-UUID"));
  }
}
