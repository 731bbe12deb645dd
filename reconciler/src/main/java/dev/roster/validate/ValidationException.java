package dev.roster.validate;

/**
 * Validation could not run: a schema or profile (bundled or from {@code --schema-dir}) is broken.
 * Problems in the repo itself are never exceptions; they are reported. Never retryable.
 */
public final class ValidationException extends RuntimeException {
  private final String reason;

  public ValidationException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return false;
  }
}
