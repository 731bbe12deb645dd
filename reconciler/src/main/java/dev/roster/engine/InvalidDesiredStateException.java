package dev.roster.engine;

import dev.roster.validate.ValidationReport;

/** The snapshot did not load or validate cleanly; nothing was planned against the cluster. */
public final class InvalidDesiredStateException extends RuntimeException {
  private final ValidationReport report;

  public InvalidDesiredStateException(ValidationReport report) {
    super("the config repo has " + report.errors() + " error(s); nothing applied");
    this.report = report;
  }

  public ValidationReport report() {
    return report;
  }

  public String reason() {
    return "ValidationFailed";
  }

  public boolean retryable() {
    return false;
  }
}
