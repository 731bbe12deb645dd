package dev.roster.serve;

import dev.roster.serve.webhook.WebhookTarget;
import java.util.List;

/** A source as the webhook handler sees it: where pushes go, and the queue they land in. */
final class SourceTarget implements WebhookTarget {
  private final SourceConfig config;
  private final SourceWorker worker;

  SourceTarget(SourceConfig config, SourceWorker worker) {
    this.config = config;
    this.worker = worker;
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
      case REJECTED -> throw new IllegalStateException("not reconciling (standby or stopping)");
    };
  }
}
