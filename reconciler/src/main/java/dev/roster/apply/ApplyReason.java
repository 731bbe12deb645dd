package dev.roster.apply;

import dev.roster.failure.FailureKind;
import dev.roster.failure.Reason;

/** Why apply refused to start or stopped as a whole (single objects fail as outcomes). */
public enum ApplyReason implements Reason {
  /** The mass-prune guard refused the plan; nothing was written. */
  PRUNE_REFUSED(false),
  /** The plan changes one object twice (defined twice in the repo); nothing was written. */
  DUPLICATE_OBJECT(false),
  /**
   * An apply bound to a saved plan ({@code apply --plan}) found the revision, or a planned
   * object's live state, moved since the plan; nothing was written.
   */
  PLAN_MOVED(false),
  /** The applying thread was interrupted (shutdown); the next pass finishes the work. */
  INTERRUPTED(true);

  private final boolean retryable;

  ApplyReason(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  @Override
  public FailureKind kind() {
    return FailureKind.REFUSED;
  }

  @Override
  public String stage() {
    return "apply";
  }
}
