package dev.roster.engine;

import dev.roster.failure.RosterException;
import dev.roster.validate.ValidateReason;
import dev.roster.validate.ValidationReport;

/**
 * The snapshot did not load or validate cleanly ({@code ValidationFailed}); nothing was planned
 * against the cluster. Not retryable: only a new commit can help.
 */
public final class InvalidDesiredStateException extends RosterException {
  private final ValidationReport report;

  public InvalidDesiredStateException(ValidationReport report) {
    super(ValidateReason.VALIDATION_FAILED,
        report.errors() + " validation error(s); nothing applied");
    this.report = report;
  }

  /** Every located problem, for printing. */
  public ValidationReport report() {
    return report;
  }
}
