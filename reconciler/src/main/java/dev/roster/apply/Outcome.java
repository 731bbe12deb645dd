package dev.roster.apply;

import dev.roster.plan.Change;

/**
 * What happened to one planned change.
 *
 * @param change the change as finally attempted (re-planned after a conflict)
 * @param status applied, failed, or skipped (nothing to write)
 * @param message error message when failed; empty otherwise
 */
public record Outcome(Change change, Status status, String message) {
  /** Result of one change. */
  public enum Status {
    APPLIED,
    FAILED,
    SKIPPED
  }
}
