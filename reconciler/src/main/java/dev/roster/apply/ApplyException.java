package dev.roster.apply;

import dev.roster.failure.RosterException;

/** Apply refused to start (mass-prune guard) or could not run at all. */
public final class ApplyException extends RosterException {
  public ApplyException(ApplyReason reason, String message) {
    super(reason, message);
  }

  @Override
  public ApplyReason reason() {
    return (ApplyReason) super.reason();
  }
}
