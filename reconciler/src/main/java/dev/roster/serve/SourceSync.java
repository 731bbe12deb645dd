package dev.roster.serve;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.engine.Engine;
import dev.roster.failure.RosterException;
import dev.roster.kube.ClusterReason;
import dev.roster.plan.Action;
import dev.roster.source.GitSource;
import dev.roster.source.Snapshot;
import dev.roster.status.Conditions;
import dev.roster.status.ReconcileRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One reconcile pass of one source: read the source, plan, apply, report. Never throws: every
 * failure becomes a {@link SyncReport} with a reason and whether a retry can help.
 */
public final class SourceSync {
  private final SourceConfig config;
  private final GitSource source;
  private final Engine engine;
  private final ApplyOptions applyOptions;
  private final List<SyncListener> listeners;
  private final BooleanSupplier stopping; // shutting down, or no longer the leader
  private volatile String lastApplied = "";

  public SourceSync(SourceConfig config, GitSource source, Engine engine, ApplyOptions options,
      List<SyncListener> listeners, BooleanSupplier stopping) {
    this.config = config;
    this.source = source;
    this.engine = engine;
    this.applyOptions = options;
    this.listeners = listeners;
    this.stopping = stopping;
  }

  /** The revision last applied successfully by this process, or empty. */
  public String lastApplied() {
    return lastApplied;
  }

  /** Runs one pass; returns what the worker needs to schedule the next. */
  public SourceWorker.PassResult run(String trigger) {
    SyncReport report = pass(trigger);
    if (report.outcome() == SyncReport.Outcome.FAILED && touchedCluster(report.reason())) {
      engine.verifyNext(); // the cluster misbehaved: believe no cache until lists say again
    }
    for (SyncListener l : listeners) {
      try {
        l.finished(report);
      } catch (RuntimeException e) {
        // a listener must not break the loop; it reports its own problems
      }
    }
    if (report.outcome() != SyncReport.Outcome.FAILED) {
      return SourceWorker.PassResult.SUCCEEDED;
    }
    return report.retryable() ? SourceWorker.PassResult.FAILED_RETRYABLE
        : SourceWorker.PassResult.FAILED_STALLED;
  }

  private SyncReport pass(String trigger) {
    Instant start = Instant.now();
    String revision = "";
    Engine.PlanRun run = null;
    Verdict verdict;
    try {
      // Read the source.
      Snapshot snapshot = source.snapshot(config.spec());
      revision = snapshot.revision();
      // Plan against live.
      run = engine.plan(snapshot);
      verdict = applyOrReport(run, revision).after(run);
    } catch (RosterException e) {
      verdict = Verdict.failed(e).after(run);
    } catch (RuntimeException e) {
      verdict = Verdict.unexpected(e).after(run);
    }
    return SyncReport.builder(config.name(), start).trigger(trigger).revision(revision)
        .duration(Duration.between(start, Instant.now())).plan(verdict.plan())
        .applied(verdict.applied()).outcome(verdict.outcome()).reason(verdict.reason())
        .message(withWarnings(verdict)).retryable(verdict.retryable()).build();
  }

  /** The verdict's message, the plan's warnings and fields not written: said every pass. */
  private static String withWarnings(Verdict v) {
    return ReconcileRecord.withWarnings(v.message(), v.plan());
  }

  private Verdict applyOrReport(Engine.PlanRun run, String revision) {
    if (config.suspend()) {
      return Verdict.of(SyncReport.Outcome.NO_OP, Conditions.SUSPENDED,
          "source is suspended; nothing applied");
    }
    long refused = run.plan().count(Action.REFUSED);
    if (!run.plan().hasChanges() && refused > 0) {
      return Verdict.failed(Conditions.APPLY_FAILED, ReconcileRecord.failedNamed(run.plan(),
          new ApplyResult(List.of(), null), ReconcileRecord.UNWRITTEN_LISTED));
    }
    if (!run.plan().hasChanges() && !run.relists()) {
      lastApplied = revision;
      return Verdict.of(SyncReport.Outcome.NO_OP, Conditions.RECONCILIATION_SUCCEEDED,
          ReconcileRecord.nothingToWrite(run.plan()));
    }
    if (config.driftReportOnly() && revision.equals(lastApplied)) {
      return Verdict.of(SyncReport.Outcome.DRIFT_REPORTED, Conditions.DRIFT_DETECTED,
          "live differs from revision '" + revision + "' (drift=report): "
              + ReconcileRecord.drifted(run.plan(), ReconcileRecord.UNWRITTEN_LISTED));
    }
    // Apply and prune.
    ApplyResult applied = engine.apply(run, applyOptions, stopping);
    long unwritten = stopping.getAsBoolean() ? unwritten(applied) : 0;
    if (unwritten > 0) {
      // Shutdown or a lost Lease skipped writes: the revision is not live; the next leader
      // (or start) finishes it.
      return Verdict.failed(Conditions.APPLY_FAILED, "stopped (shutdown or lost leadership)"
          + " before " + unwritten + " object(s) of revision '" + revision + "' were written")
          .retryable(true).applied(applied);
    }
    if (applied.failed() || refused > 0) {
      String counted = (applied.failures().size() + refused) + " object(s) failed or were refused";
      Outcome forbidden = applied.failures().stream()
          .filter(o -> o.reason() == ClusterReason.FORBIDDEN).findFirst().orElse(null);
      return (forbidden == null ? Verdict.failed(Conditions.APPLY_FAILED,
              ReconcileRecord.failedNamed(run.plan(), applied, ReconcileRecord.UNWRITTEN_LISTED))
          : Verdict.failed(Conditions.FORBIDDEN, counted + "; first refused by RBAC: "
              + forbidden.change().key().subject() + ": " + forbidden.message()))
          .retryable(applied.failed()).applied(applied);
    }
    lastApplied = revision;
    return Verdict.of(SyncReport.Outcome.SUCCEEDED, Conditions.RECONCILIATION_SUCCEEDED,
        "applied revision '" + revision + "'").applied(applied);
  }

  private static boolean touchedCluster(String reason) {
    return !Conditions.SOURCE_FETCH_FAILED.equals(reason)
        && !Conditions.VALIDATION_FAILED.equals(reason);
  }

  /** Writes the apply skipped because it was stopped; prunes count only when pruning is on. */
  private long unwritten(ApplyResult applied) {
    return applied.outcomes().stream()
        .filter(o -> o.status() == Outcome.Status.SKIPPED && o.change().writes())
        .filter(o -> applyOptions.prune() || o.change().action() != Action.PRUNE)
        .count();
  }
}
