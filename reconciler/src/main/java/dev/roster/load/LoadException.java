package dev.roster.load;

/**
 * The load stage could not start: the root is missing or unreadable. Bad files never raise this;
 * they become {@link Problem}s.
 */
public final class LoadException extends RuntimeException {
  private final String reason;
  private final boolean retryable;

  public LoadException(String reason, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  /** PascalCase reason, e.g. {@code RootNotFound}. */
  public String reason() {
    return reason;
  }

  /** Whether trying again without changing anything can help. */
  public boolean retryable() {
    return retryable;
  }
}
