package dev.roster.serve;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Conditions;
import dev.roster.status.EventRecorder;
import dev.roster.status.ManagedCounts;
import dev.roster.status.PassStatus;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.RolloutReport;
import dev.roster.status.StatusReducer;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns each finished pass into status (ConfigMap), Kubernetes Events, metrics and a log line.
 * Failures to write status are logged, never thrown: the loop goes on. The last status is also
 * kept in memory, so a pass whose status could not be written (the API server unreachable) and
 * a status ConfigMap lost with the cluster (an API server back empty) still show in the next
 * status written: the unreachable episode is in its history.
 */
final class StatusListener implements SyncListener {
  private final SourceConfig config;
  private final StatusStore store;
  private final EventRecorder events;
  private final Metrics metrics;
  private final ServeLog log;
  private final Clock clock;
  private final AtomicReference<SourceStatus> last = new AtomicReference<>();

  StatusListener(SourceConfig config, StatusStore store, EventRecorder events, Metrics metrics,
      ServeLog log) {
    this(config, store, events, metrics, log, Clock.systemUTC());
  }

  StatusListener(SourceConfig config, StatusStore store, EventRecorder events, Metrics metrics,
      ServeLog log, Clock clock) {
    this.clock = clock;
    this.config = config;
    this.store = store;
    this.events = events;
    this.metrics = metrics;
    this.log = log;
  }

  @Override
  public void finished(SyncReport r) {
    Instant now = clock.instant();
    ReconcileRecord record = ReconcileRecord.of(r.revision(), r.trigger(), r.startedAt(),
        r.duration(), r.plan(), r.applied(), r.outcome() == SyncReport.Outcome.FAILED,
        r.reason(), r.message());
    ManagedCounts managed = r.applied() == null ? null : ManagedCounts.of(r.applied());
    String line = record.result() + " " + r.revision() + " trigger=" + r.trigger() + " in "
        + r.duration().toMillis() + "ms: " + r.message();
    // a warning when the pass failed, or the message ends with the plan's warnings
    log.pass(r.outcome() == SyncReport.Outcome.FAILED
        || r.plan() != null && !r.plan().warnings().isEmpty(), r.source(), r.revision(),
        r.trigger(), line);
    metrics.reconciled(r.source(), r.trigger(), record.result(), r.duration());
    if (r.outcome() != SyncReport.Outcome.FAILED) {
      metrics.succeeded(r.source(), now);
    }
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
      AtomicReference<PassStatus> passed = new AtomicReference<>();
      java.util.function.Function<java.util.Optional<SourceStatus>, SourceStatus> step =
          previous -> {
            SourceStatus base = previous.or(() -> java.util.Optional.ofNullable(last.get()))
                .orElseGet(() -> StatusReducer.initial(r.source(), config.spec().repo(),
                    config.spec().ref(), now));
            PassStatus pass = PassStatus.after(base, record, managed, r.retryable(), r.plan(),
                r.applied(), now);
            passed.set(pass);
            return pass.status();
          };
      if (r.outcome() == SyncReport.Outcome.FAILED) {
        store.forget(); // the cluster may have misbehaved: read the status before replacing it
      }
      SourceStatus status;
      try {
        status = store.update(r.source(), step);
      } catch (RuntimeException e) {
        last.set(step.apply(java.util.Optional.empty()));
        throw e;
      }
      last.set(status);
      RolloutReport report = passed.get().rollouts();
      events.rollouts(r.source(), r.revision(), report);
      events.unhealthy(r.source(), r.revision(), passed.get().turnedUnhealthy());
      passed.get().turnedUnhealthy().forEach(c -> log.warn(r.source(),
          dev.roster.source.Urls.redact(RolloutReport.object(c.key()) + " is "
              + c.health().describe())));
      metrics.rollouts(r.source(), "held", report.started().size());
      metrics.rollouts(r.source(), "released", report.released().size());
      metrics.rollouts(r.source(), "forced", report.forced().size());
      metrics.ready(r.source(), Conditions.isTrue(status.conditions(), Conditions.READY));
      metrics.managed(r.source(), status.managed().byState());
    } catch (RuntimeException e) {
      metrics.ready(r.source(), r.outcome() != SyncReport.Outcome.FAILED);
      log.warn(r.source(), "failed to record status: " + e.getMessage());
    }
  }
}
