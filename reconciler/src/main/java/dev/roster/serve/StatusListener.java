package dev.roster.serve;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.EventRecorder;
import dev.roster.status.ManagedCounts;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.StatusReducer;
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
    ReconcileRecord record = record(r);
    ManagedCounts managed = r.applied() == null ? null : ManagedCounts.of(r.applied());
    metrics.reconciled(r.source(), r.trigger(), record.result(), r.duration());
    metrics.ready(r.source(), r.outcome() != SyncReport.Outcome.FAILED);
    if (managed != null) {
      metrics.managed(r.source(), managed.byState());
    }
    log.info(r.source(), record.result() + " " + r.revision() + " trigger=" + r.trigger()
        + " in " + r.duration().toMillis() + "ms: " + r.message());
    try {
      if (r.applied() != null) {
        events.applied(r.source(), r.revision(), r.applied());
      }
      if (r.outcome() == SyncReport.Outcome.FAILED) {
        events.reconcileFailed(r.source(), r.revision(), r.reason(), r.message());
      }
      store.update(r.source(), previous -> StatusReducer.next(
          previous.orElseGet(() -> StatusReducer.initial(r.source(), config.spec().repo(),
              config.spec().ref(), Instant.now())),
          record, managed, Instant.now()));
    } catch (RuntimeException e) {
      log.warn(r.source(), "failed to record status: " + e.getMessage());
    }
  }

  static ReconcileRecord record(SyncReport r) {
    ReconcileRecord.Counts counts = r.applied() == null ? ReconcileRecord.Counts.NONE
        : ReconcileRecord.Counts.of(r.applied());
    String result = switch (r.outcome()) {
      case SUCCEEDED -> ReconcileRecord.SUCCEEDED;
      case NO_OP, DRIFT_REPORTED -> ReconcileRecord.NO_OP;
      case FAILED -> "PruneRefused".equals(r.reason()) ? ReconcileRecord.REFUSED
          : ReconcileRecord.FAILED;
    };
    return new ReconcileRecord(r.revision(), r.trigger(), r.startedAt(),
        r.duration().toMillis(), counts, result, r.reason(), r.message());
  }
}
