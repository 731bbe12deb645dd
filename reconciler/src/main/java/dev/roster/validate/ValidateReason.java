package dev.roster.validate;

import static dev.roster.failure.FailureKind.BAD_ARGUMENT;
import static dev.roster.failure.FailureKind.INVALID_INPUT;

import dev.roster.failure.FailureKind;
import dev.roster.failure.Reason;

/** Why validation failed or could not run. None is retryable: only a change can help. */
public enum ValidateReason implements Reason {
  /** The snapshot has load or validation problems; nothing was planned or applied. */
  VALIDATION_FAILED(INVALID_INPUT),
  /** A {@code --schema-dir} does not exist. */
  SCHEMA_DIR_NOT_FOUND(BAD_ARGUMENT),
  /** A {@code --schema-dir} could not be read. */
  SCHEMA_DIR_UNREADABLE(INVALID_INPUT),
  /** The bundled schemas are not on the class path. */
  SCHEMAS_MISSING(INVALID_INPUT),
  /** The bundled schemas could not be read. */
  SCHEMAS_UNREADABLE(INVALID_INPUT),
  /** A schema is not valid JSON. */
  INVALID_SCHEMA(INVALID_INPUT),
  /** A profile is not valid. */
  INVALID_PROFILE(INVALID_INPUT);

  private final FailureKind kind;

  ValidateReason(FailureKind kind) {
    this.kind = kind;
  }

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }

  @Override
  public String stage() {
    return "validation";
  }
}
