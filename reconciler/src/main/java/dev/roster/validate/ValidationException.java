package dev.roster.validate;

import dev.roster.failure.RosterException;

/**
 * Validation could not run: a schema or profile (bundled or from {@code --schema-dir}) is broken.
 * Problems in the repo itself are never exceptions; they are reported. Never retryable.
 */
public final class ValidationException extends RosterException {
  public ValidationException(ValidateReason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  @Override
  public ValidateReason reason() {
    return (ValidateReason) super.reason();
  }
}
