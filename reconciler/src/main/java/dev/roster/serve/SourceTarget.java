package dev.roster.serve;

import dev.roster.serve.webhook.WebhookTarget;
import java.util.List;

/**
 * A source as the webhook handler sees it: where pushes go, and the queue they land in. When this
 * replica's worker takes no requests (a standby under leader election, or one that just lost the
 * Lease) and a {@link WebhookRelay} is given, the request is recorded for the leader instead.
 */
final class SourceTarget implements WebhookTarget {
  private final SourceConfig config;
  private final SourceWorker worker;
  private final WebhookRelay relay;

  /** {@code relay} null: without leader election a stopped worker means shutting down. */
  SourceTarget(SourceConfig config, SourceWorker worker, WebhookRelay relay) {
    this.config = config;
    this.worker = worker;
    this.relay = relay;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public String trackedRef() {
    return config.spec().ref();
  }

  @Override
  public List<String> repoUrls() {
    return List.of(config.spec().repo());
  }

  @Override
  public byte[] secret() {
    return config.webhookSecret();
  }

  @Override
  public Enqueued enqueue(String reason) {
    return switch (worker.request(reason)) {
      case QUEUED -> Enqueued.QUEUED;
      case COALESCED -> Enqueued.COALESCED;
      case REJECTED -> {
        if (relay == null) {
          throw new IllegalStateException("not reconciling (stopping)");
        }
        relay.record(config.name(), reason);
        yield Enqueued.RELAYED;
      }
    };
  }
}
