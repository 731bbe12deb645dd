package dev.roster.source;

import dev.roster.failure.RosterException;

/**
 * The source could not be read: unreachable, unauthorised, unknown ref or path. Messages never
 * contain credentials.
 */
public final class SourceException extends RosterException {
  public SourceException(SourceReason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  public SourceException(SourceReason reason, String message) {
    super(reason, message);
  }

  @Override
  public SourceReason reason() {
    return (SourceReason) super.reason();
  }
}
