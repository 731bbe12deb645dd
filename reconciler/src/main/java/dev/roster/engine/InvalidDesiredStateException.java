package dev.roster.engine;

import dev.roster.failure.RosterException;
import dev.roster.load.Problem;
import dev.roster.load.Severity;
import dev.roster.validate.ValidateReason;
import dev.roster.validate.ValidationReport;
import java.util.List;

/**
 * The snapshot did not load or validate cleanly ({@code ValidationFailed}); nothing was planned
 * against the cluster. Not retryable: only a new commit can help. The message (serve's status and
 * log) names the first {@value #NAMED} errors at {@code FILE:LINE:COL}, so an operator sees where
 * without running {@code roster validate}.
 */
public final class InvalidDesiredStateException extends RosterException {
  private final ValidationReport report;

  public InvalidDesiredStateException(ValidationReport report) {
    super(ValidateReason.VALIDATION_FAILED, message(report));
    this.report = report;
  }

  /** How many errors the message names. */
  static final int NAMED = 3;

  private static String message(ValidationReport report) {
    List<String> errors = report.problems().stream()
        .filter(p -> p.severity() == Severity.ERROR).map(Problem::format).toList();
    String named = String.join("; ", errors.subList(0, Math.min(NAMED, errors.size())))
        + (errors.size() > NAMED ? "; and " + (errors.size() - NAMED) + " more" : "");
    return report.errors() + " validation error(s); nothing applied"
        + (errors.isEmpty() ? "" : ": " + named);
  }

  /** Every located problem, for printing. */
  public ValidationReport report() {
    return report;
  }
}
