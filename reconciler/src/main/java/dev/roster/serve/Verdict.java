package dev.roster.serve;

import dev.roster.apply.ApplyResult;
import dev.roster.engine.Engine;
import dev.roster.failure.RosterException;
import dev.roster.plan.Plan;
import dev.roster.status.Conditions;

/**
 * How one pass ended, named field by field; {@link SourceSync} adds source, trigger, revision and
 * timing to make the {@link SyncReport}. Start from {@link #of} or {@link #failed}, then add what
 * the pass got to: {@code Verdict.failed(APPLY_FAILED, msg).after(run).applied(result)}.
 *
 * @param retryable whether a later pass without a new commit can succeed; false unless set
 */
record Verdict(SyncReport.Outcome outcome, String reason, String message, boolean retryable,
    Plan plan, ApplyResult applied) {

  static Verdict of(SyncReport.Outcome outcome, String reason, String message) {
    return new Verdict(outcome, reason, message, false, null, null);
  }

  static Verdict failed(String reason, String message) {
    return of(SyncReport.Outcome.FAILED, reason, message);
  }

  /** A stage failed: the status reason and retryability follow from its reason. */
  static Verdict failed(RosterException e) {
    return failed(StatusReasons.of(e.reason()), e.getMessage()).retryable(e.retryable());
  }

  /** Anything else failed: a bug, shown in status and retried, never silently dropped. */
  static Verdict unexpected(RuntimeException e) {
    return failed(Conditions.RECONCILE_FAILED, "unexpected error: " + e).retryable(true);
  }

  Verdict retryable(boolean value) {
    return new Verdict(outcome, reason, message, value, plan, applied);
  }

  /** With the plan of {@code run}, if planning got that far ({@code run} may be null). */
  Verdict after(Engine.PlanRun run) {
    return new Verdict(outcome, reason, message, retryable, run == null ? null : run.plan(),
        applied);
  }

  Verdict applied(ApplyResult value) {
    return new Verdict(outcome, reason, message, retryable, plan, value);
  }
}
