package dev.roster.source;

/**
 * The source could not be read: unreachable, unauthorised, unknown ref or path. Messages never
 * contain credentials.
 */
public final class SourceException extends RuntimeException {
  private final String reason;
  private final boolean retryable;

  public SourceException(String reason, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  /** PascalCase reason, e.g. {@code SourceUnreachable}, {@code RefNotFound}. */
  public String reason() {
    return reason;
  }

  /** Whether trying again later can help (network) or not (bad URL, unknown ref). */
  public boolean retryable() {
    return retryable;
  }
}
