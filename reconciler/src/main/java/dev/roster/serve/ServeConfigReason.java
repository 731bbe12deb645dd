package dev.roster.serve;

import dev.roster.failure.FailureKind;
import dev.roster.failure.Reason;

/** Why the serve config could not be used. Read once at start, so none is retryable. */
public enum ServeConfigReason implements Reason {
  /** The config file could not be read. */
  CONFIG_UNREADABLE,
  /** The config file has located problems. */
  CONFIG_INVALID,
  /** A secret file a source names could not be read. */
  SECRET_UNREADABLE,
  /** A Secret a source names does not exist. */
  SECRET_NOT_FOUND;

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public FailureKind kind() {
    return FailureKind.INVALID_INPUT;
  }

  @Override
  public String stage() {
    return "serve config";
  }
}
