package dev.roster.load;

import dev.roster.failure.FailureKind;
import dev.roster.failure.Reason;

/**
 * Why the load stage could not run. A missing or unreadable local root is the source's ({@code
 * SourceReason.ROOT_NOT_FOUND}, {@code ROOT_UNREADABLE}); bad files are {@link Problem}s.
 */
public enum LoadReason implements Reason {
  /** The tree the source gave could not be listed or read. Retryable. */
  TREE_UNREADABLE;

  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public FailureKind kind() {
    return FailureKind.UNAVAILABLE;
  }

  @Override
  public String stage() {
    return "load";
  }
}
