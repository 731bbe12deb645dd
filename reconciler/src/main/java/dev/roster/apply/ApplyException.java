package dev.roster.apply;

/** Apply refused to start (mass-prune guard) or could not run at all. */
public final class ApplyException extends RuntimeException {
  private final String reason;
  private final boolean retryable;

  public ApplyException(String reason, String message, boolean retryable) {
    super(message);
    this.reason = reason;
    this.retryable = retryable;
  }

  /** PascalCase reason, e.g. {@code PruneRefused}. */
  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }
}
