package dev.roster.serve;

import dev.roster.apply.ApplyException;
import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.engine.Engine;
import dev.roster.engine.InvalidDesiredStateException;
import dev.roster.kube.ClusterException;
import dev.roster.plan.Action;
import dev.roster.source.GitSource;
import dev.roster.source.SourceException;
import dev.roster.source.Snapshot;
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

  /** Source failures only a change (of commit or configuration) can fix: these stall. */
  private static final java.util.Set<String> NEEDS_A_CHANGE = java.util.Set.of("InvalidUrl",
      "InvalidPath", "PathNotFound", "DumbHttpUnsupported");

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
    try {
      // Read the source.
      Snapshot snapshot = source.snapshot(config.spec());
      revision = snapshot.revision();
      // Plan against live.
      run = engine.plan(snapshot);
      if (config.suspend()) {
        return report(trigger, revision, start, run, null, SyncReport.Outcome.NO_OP,
            "Suspended", "source is suspended; nothing applied", false);
      }
      long refused = run.plan().count(Action.REFUSED);
      if (!run.plan().hasChanges() && refused > 0) {
        return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
            "ApplyFailed", refused + " object(s) refused: they exist live and are not managed by"
                + " this source", false);
      }
      if (!run.plan().hasChanges()) {
        lastApplied = revision;
        return report(trigger, revision, start, run, null, SyncReport.Outcome.NO_OP,
            "ReconciliationSucceeded", "live matches revision '" + revision + "'", false);
      }
      if (config.driftReportOnly() && revision.equals(lastApplied)) {
        return report(trigger, revision, start, run, null, SyncReport.Outcome.DRIFT_REPORTED,
            "DriftDetected", "live differs from revision '" + revision + "' (drift=report)",
            false);
      }
      // Apply and prune.
      ApplyResult applied = engine.apply(run, applyOptions, stopping);
      long unwritten = stopping.getAsBoolean() ? unwritten(applied) : 0;
      if (unwritten > 0) {
        // Shutdown or a lost Lease skipped writes: the revision is not live; the next leader
        // (or start) finishes it.
        return report(trigger, revision, start, run, applied, SyncReport.Outcome.FAILED,
            "ApplyFailed", "stopped (shutdown or lost leadership) before " + unwritten
                + " object(s) of revision '" + revision + "' were written", true);
      }
      if (applied.failed() || refused > 0) {
        return report(trigger, revision, start, run, applied, SyncReport.Outcome.FAILED,
            "ApplyFailed", (applied.failures().size() + refused) + " object(s) failed or were"
                + " refused", applied.failed());
      }
      lastApplied = revision;
      return report(trigger, revision, start, run, applied, SyncReport.Outcome.SUCCEEDED,
          "ReconciliationSucceeded", "applied revision '" + revision + "'", false);
    } catch (SourceException e) {
      return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
          "SourceFetchFailed", e.getMessage(), retryable(e));
    } catch (InvalidDesiredStateException e) {
      return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
          "ValidationFailed", e.report().errors() + " validation error(s); nothing applied",
          false);
    } catch (ApplyException e) {
      return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
          "PruneRefused".equals(e.reason()) ? "PruneRefused" : "ApplyFailed", e.getMessage(),
          e.retryable());
    } catch (ClusterException e) {
      return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
          "ClusterUnreachable".equals(e.reason()) ? "ClusterUnreachable" : "ApplyFailed",
          e.getMessage(), e.retryable());
    } catch (dev.roster.load.LoadException e) {
      return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
          "SourceFetchFailed", e.getMessage(), e.retryable());
    } catch (RuntimeException e) {
      // Last resort: a bug must show in status, not vanish into a silent retry.
      return report(trigger, revision, start, run, null, SyncReport.Outcome.FAILED,
          "ReconcileFailed", "unexpected error: " + e, true);
    }
  }

  private static boolean touchedCluster(String reason) {
    return !"SourceFetchFailed".equals(reason) && !"ValidationFailed".equals(reason);
  }

  /**
   * Whether a retry can fix a source failure: unreachable, not found, auth failed and timeouts
   * can mend without a commit (a repo moved back, a token renewed), so they retry with backoff;
   * only what names a bad URL or path stalls.
   */
  static boolean retryable(SourceException e) {
    return e.retryable() || !NEEDS_A_CHANGE.contains(e.reason());
  }

  /** Writes the apply skipped because it was stopped; prunes count only when pruning is on. */
  private long unwritten(ApplyResult applied) {
    return applied.outcomes().stream()
        .filter(o -> o.status() == Outcome.Status.SKIPPED && o.change().writes())
        .filter(o -> applyOptions.prune() || o.change().action() != Action.PRUNE)
        .count();
  }

  private SyncReport report(String trigger, String revision, Instant start, Engine.PlanRun run,
      ApplyResult applied, SyncReport.Outcome outcome, String reason, String message,
      boolean retryable) {
    return new SyncReport(config.name(), trigger, revision, start,
        Duration.between(start, Instant.now()), run == null ? null : run.plan(), applied,
        outcome, reason, message, retryable);
  }
}
