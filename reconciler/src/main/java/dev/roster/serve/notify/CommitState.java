package dev.roster.serve.notify;

/**
 * The state of a reconciled commit, for commit statuses.
 *
 * @param source the source name (the status context is {@code roster/<source>})
 * @param sha the full commit id
 * @param state pending (changes held), success or failure
 * @param description one line, at most 140 characters
 */
public record CommitState(String source, String sha, State state, String description) {
  /** Commit status states. */
  public enum State {
    PENDING, SUCCESS, FAILURE
  }

  public CommitState {
    description = description == null ? "" : description.length() <= 140 ? description
        : description.substring(0, 139) + "…";
  }
}
