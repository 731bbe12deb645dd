package dev.roster.serve.webhook;

import java.util.List;

/**
 * A source that webhooks can trigger, as {@code roster serve} exposes it to {@link
 * WebhookHandler}. Implementations are called from HTTP worker threads and must be thread-safe.
 */
public interface WebhookTarget {

  /** What {@link #enqueue} did. */
  enum Enqueued {
    /** A reconcile of this source is now queued. */
    QUEUED,
    /** A reconcile of this source was already queued; this trigger joined it. */
    COALESCED,
    /**
     * This replica does not reconcile (a standby): the request was recorded where the leader
     * picks it up.
     */
    RELAYED
  }

  /** The source name; the {@code <source>} in {@code POST /hooks/<source>}. */
  String name();

  /**
   * The ref the source follows. A full name ({@code refs/heads/main}) must equal the pushed ref;
   * a short name ({@code main}) matches {@code refs/heads/main} and {@code refs/tags/main}; null,
   * blank or {@code HEAD} matches every push, because not every payload names the default branch
   * (the reconcile's ls-remote decides whether anything moved).
   */
  String trackedRef();

  /** The repository URLs of the source, in any form {@link RepoUrls#same} understands. */
  List<String> repoUrls();

  /**
   * The webhook secret (HMAC key, or GitLab token). Null or empty means webhooks are not
   * configured for this source and every delivery to it is rejected. The handler never keeps,
   * logs or records it.
   */
  byte[] secret();

  /**
   * Asks for a reconcile soon. Must return quickly and never reconcile on the calling thread;
   * {@code reason} ({@code webhook:github push to refs/heads/main at 0d1a26e67d8f (delivery …)};
   * no secrets) is the trigger for logs and status. A source that cannot take requests now (its
   * worker is stopped: not the leader, shutting down) throws; any runtime exception is answered
   * 503 so the provider may redeliver.
   */
  Enqueued enqueue(String reason);
}
