package dev.roster.serve.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A source whose queue holds at most one reconcile, as serve's does: the first trigger is queued,
 * later ones coalesce until {@link #drain()}. Records every reason it was given.
 */
final class FakeTarget implements WebhookTarget {
  private final String name;
  private final String trackedRef;
  private final List<String> repoUrls;
  private final byte[] secret;
  final List<String> reasons = new CopyOnWriteArrayList<>();
  private boolean pending;
  private volatile RuntimeException failure;

  FakeTarget(String name, String trackedRef, List<String> repoUrls, byte[] secret) {
    this.name = name;
    this.trackedRef = trackedRef;
    this.repoUrls = repoUrls;
    this.secret = secret;
  }

  FakeTarget failingWith(RuntimeException e) {
    failure = e;
    return this;
  }

  /** Takes requests again after {@link #failingWith}. */
  synchronized FakeTarget healed() {
    failure = null;
    return this;
  }

  int calls() {
    return reasons.size();
  }

  synchronized void drain() {
    pending = false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String trackedRef() {
    return trackedRef;
  }

  @Override
  public List<String> repoUrls() {
    return repoUrls;
  }

  @Override
  public byte[] secret() {
    return secret == null ? null : secret.clone();
  }

  @Override
  public synchronized Enqueued enqueue(String reason) {
    reasons.add(reason);
    if (failure != null) {
      throw failure;
    }
    Enqueued e = pending ? Enqueued.COALESCED : Enqueued.QUEUED;
    pending = true;
    return e;
  }
}
