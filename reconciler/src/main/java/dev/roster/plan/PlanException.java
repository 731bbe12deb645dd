package dev.roster.plan;

/** Planning could not run (inconsistent inputs). Never retryable. */
public final class PlanException extends RuntimeException {
  private final String reason;

  public PlanException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return false;
  }
}
