package dev.roster.apply;

import dev.roster.failure.Reason;
import dev.roster.plan.Change;

/**
 * What happened to one planned change.
 *
 * @param change the change as finally attempted (re-planned after a conflict)
 * @param status applied, failed, or skipped (nothing to write)
 * @param message error message when failed; empty otherwise
 * @param reason why it failed, when the cluster said (e.g. {@code Forbidden}); null otherwise
 */
public record Outcome(Change change, Status status, String message, Reason reason) {

  /** An outcome without a failure reason. */
  public Outcome(Change change, Status status, String message) {
    this(change, status, message, null);
  }

  /** Result of one change. */
  public enum Status {
    APPLIED,
    FAILED,
    SKIPPED
  }
}
