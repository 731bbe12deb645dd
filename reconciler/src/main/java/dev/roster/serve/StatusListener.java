package dev.roster.serve;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Conditions;
import dev.roster.status.EventRecorder;
import dev.roster.status.ManagedCounts;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.StatusReducer;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusStore;
import java.time.Instant;

/**
 * Turns each finished pass into status (ConfigMap), Kubernetes Events, metrics and a log line.
 * Failures to write status are logged, never thrown: the loop goes on.
 */
final class StatusListener implements SyncListener {
  private final SourceConfig config;
  private final StatusStore store;
  private final EventRecorder events;
  private final Metrics metrics;
  private final ServeLog log;

  StatusListener(SourceConfig config, StatusStore store, EventRecorder events, Metrics metrics,
      ServeLog log) {
    this.config = config;
    this.store = store;
    this.events = events;
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public void finished(SyncReport r) {
    Instant now = Instant.now();
    ReconcileRecord record = ReconcileRecord.of(r.revision(), r.trigger(), r.startedAt(),
        r.duration(), r.plan(), r.applied(), r.outcome() == SyncReport.Outcome.FAILED,
        r.reason(), r.message());
    ManagedCounts managed = r.applied() == null ? null : ManagedCounts.of(r.applied());
    log.info(r.source(), record.result() + " " + r.revision() + " trigger=" + r.trigger()
        + " in " + r.duration().toMillis() + "ms: " + r.message());
    metrics.reconciled(r.source(), r.trigger(), record.result(), r.duration());
    if (r.plan() != null) {
      metrics.heldRollouts(r.source(), r.plan().held().size());
    }
    try {
      if (r.applied() != null) {
        events.applied(r.source(), r.revision(), r.applied());
      }
      if (r.outcome() == SyncReport.Outcome.FAILED && r.applied() == null) {
        events.reconcileFailed(r.source(), r.revision(), r.reason(), r.message());
      }
      SourceStatus status = store.update(r.source(), previous -> StatusReducer.next(
          previous.orElseGet(() -> StatusReducer.initial(r.source(), config.spec().repo(),
              config.spec().ref(), now)),
          record, managed, r.retryable(), now));
      metrics.ready(r.source(), Conditions.isTrue(status.conditions(), Conditions.READY));
      metrics.managed(r.source(), status.managed().byState());
    } catch (RuntimeException e) {
      metrics.ready(r.source(), r.outcome() != SyncReport.Outcome.FAILED);
      log.warn(r.source(), "failed to record status: " + e.getMessage());
    }
  }
}
