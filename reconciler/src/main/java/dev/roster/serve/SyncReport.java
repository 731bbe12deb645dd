package dev.roster.serve;

import dev.roster.apply.ApplyResult;
import dev.roster.plan.Plan;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything one reconcile pass learned, for status, events, metrics and logs.
 *
 * @param source source name
 * @param trigger why it ran
 * @param revision the revision attempted, or empty when the source could not be read
 * @param startedAt when it started
 * @param duration how long it took
 * @param plan the plan, or null when planning did not happen
 * @param applied the apply result, or null when nothing was applied
 * @param outcome succeeded, no-op, drift-reported, or failed
 * @param reason PascalCase reason for failures (SourceFetchFailed, ValidationFailed, …), else
 *     ReconciliationSucceeded
 * @param message lower-case detail
 * @param retryable whether retrying without a new commit can help
 */
public record SyncReport(
    String source,
    String trigger,
    String revision,
    Instant startedAt,
    Duration duration,
    Plan plan,
    ApplyResult applied,
    Outcome outcome,
    String reason,
    String message,
    boolean retryable) {

  /** How a pass ended. */
  public enum Outcome {
    SUCCEEDED,
    NO_OP,
    DRIFT_REPORTED,
    FAILED
  }
}
