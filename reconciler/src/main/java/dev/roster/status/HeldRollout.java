package dev.roster.status;

import java.time.Instant;

/**
 * One object whose restart-class change is held back by its rollout policy, as of the last pass.
 *
 * @param object {@code Kind/namespace/name} ({@code Kind/name} when cluster-scoped)
 * @param reason {@code WaitingForTasks} or {@code AwaitingApproval}
 * @param inFlight work in flight counted for the decision (0 while awaiting approval)
 * @param since when the hold started
 * @param deadline when a Rollout hold is forced; null while awaiting approval
 * @param revision the revision held back
 */
public record HeldRollout(String object, String reason, int inFlight, Instant since,
    Instant deadline, String revision) {
  public HeldRollout {
    object = object == null ? "" : object;
    reason = reason == null ? "" : reason;
    revision = revision == null ? "" : revision;
  }
}
