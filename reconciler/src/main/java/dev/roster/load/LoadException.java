package dev.roster.load;

import dev.roster.failure.RosterException;

/**
 * The load stage could not read its tree. Bad files never raise this; they become {@link
 * Problem}s. A missing local root fails earlier, with the source's {@code SourceException}.
 */
public final class LoadException extends RosterException {
  public LoadException(LoadReason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  @Override
  public LoadReason reason() {
    return (LoadReason) super.reason();
  }
}
