package dev.roster.serve;

import dev.roster.apply.ApplyResult;
import dev.roster.plan.Plan;
import dev.roster.status.Conditions;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything one reconcile pass learned, for status, events, metrics and logs; built with {@link
 * #builder}.
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

  /**
   * A builder for a pass of {@code source} started at {@code startedAt}, with these defaults:
   * trigger and revision empty, no duration, no plan, nothing applied, succeeded with reason
   * {@link Conditions#RECONCILIATION_SUCCEEDED}, no message, not retryable.
   */
  public static Builder builder(String source, Instant startedAt) {
    return new Builder(source, startedAt);
  }

  /** Builds a {@link SyncReport} field by named field; see {@link #builder}. */
  public static final class Builder {
    private final String source;
    private final Instant startedAt;
    private String trigger = "";
    private String revision = "";
    private Duration duration = Duration.ZERO;
    private Plan plan;
    private ApplyResult applied;
    private Outcome outcome = Outcome.SUCCEEDED;
    private String reason = Conditions.RECONCILIATION_SUCCEEDED;
    private String message = "";
    private boolean retryable;

    private Builder(String source, Instant startedAt) {
      this.source = source;
      this.startedAt = startedAt;
    }

    public Builder trigger(String value) {
      trigger = value;
      return this;
    }

    public Builder revision(String value) {
      revision = value;
      return this;
    }

    public Builder duration(Duration value) {
      duration = value;
      return this;
    }

    public Builder plan(Plan value) {
      plan = value;
      return this;
    }

    public Builder applied(ApplyResult value) {
      applied = value;
      return this;
    }

    public Builder outcome(Outcome value) {
      outcome = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder message(String value) {
      message = value;
      return this;
    }

    public Builder retryable(boolean value) {
      retryable = value;
      return this;
    }

    public SyncReport build() {
      return new SyncReport(source, trigger, revision, startedAt, duration, plan, applied,
          outcome, reason, message, retryable);
    }
  }

  /** How a pass ended. */
  public enum Outcome {
    SUCCEEDED,
    NO_OP,
    DRIFT_REPORTED,
    FAILED
  }
}
