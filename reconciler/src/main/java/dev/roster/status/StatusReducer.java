package dev.roster.status;

import static dev.roster.status.Conditions.quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the next {@link SourceStatus} from the previous one and what just happened. Pure: no
 * I/O, no clock (callers pass {@code now}), inputs are never modified.
 */
public final class StatusReducer {
  private StatusReducer() {}

  /**
   * The status of a source that has not reconciled yet: {@code Ready=Unknown/Progressing}, no
   * revisions, empty history.
   */
  public static SourceStatus initial(String source, String repo, String ref, Instant now) {
    List<Condition> conditions = Conditions.set(List.of(), Conditions.READY, Conditions.UNKNOWN,
        Conditions.PROGRESSING, "waiting for the first reconciliation", now);
    return new SourceStatus(source, repo, ref, conditions, "", "", null, List.of(),
        ManagedCounts.NONE, now);
  }

  /**
   * {@code previous} with a reconcile of {@code revision} under way: {@code
   * Reconciling=True/Progressing}; {@code Ready} and {@code Stalled} are kept.
   */
  public static SourceStatus progressing(SourceStatus previous, String revision, Instant now) {
    String message = revision == null || revision.isEmpty() ? "reconciliation in progress"
        : "reconciling revision " + quote(revision);
    List<Condition> conditions = Conditions.set(previous.conditions(), Conditions.RECONCILING,
        Conditions.TRUE, Conditions.PROGRESSING, message, now);
    return with(previous, conditions, previous.lastAppliedRevision(),
        previous.lastAttemptedRevision(), previous.lastHandledWebhook(), previous.history(),
        previous.managed(), now);
  }

  /**
   * {@code previous} after the reconcile {@code record}, with Stalled decided by the record's
   * reason ({@link Conditions#stalls}); see {@link #next(SourceStatus, ReconcileRecord,
   * ManagedCounts, boolean, Instant)}.
   */
  public static SourceStatus next(SourceStatus previous, ReconcileRecord record,
      ManagedCounts managed, Instant now) {
    String reason = failureReason(record);
    return next(previous, record, managed, !Conditions.stalls(reason), now);
  }

  /**
   * {@code previous} after the reconcile {@code record}:
   *
   * <ul>
   *   <li>success ({@code succeeded}, {@code no-op}): {@code Ready=True/ReconciliationSucceeded}
   *       ("applied revision '…'", then the warnings the record's message ends with, if any),
   *       {@code Stalled} removed, {@code lastAppliedRevision} set;
   *   <li>failure ({@code failed}, {@code refused}): {@code Ready=False} with the record's reason
   *       and message, and {@code Stalled=False} when {@code retryable}, else {@code
   *       Stalled=True} with the same reason and message. A failed record without a reason
   *       counts as {@code ApplyFailed} ({@code PruneRefused} when refused);
   *   <li>reason {@code DriftDetected}: {@code Ready=False/DriftDetected}, {@code Stalled}
   *       removed;
   *   <li>reason {@code Suspended}: only {@code Ready}'s reason and message change (its status
   *       stays; Unknown if absent); {@code lastAttemptedRevision} is kept: nothing was attempted.
   * </ul>
   *
   * <p>Always: {@code Reconciling} removed, the record put first in the history (capped at
   * {@value SourceStatus#HISTORY_LIMIT}), {@code lastAttemptedRevision} set (but for {@code
   * Suspended}), and for a {@code webhook:} trigger {@code lastHandledWebhook} set with the
   * record's result. Only success moves {@code lastAppliedRevision}: the last good state stays
   * live.
   *
   * @param managed objects by state after this reconcile; null keeps the previous counts (e.g.
   *     when nothing was applied)
   * @param retryable for a failure, whether retrying the same revision can help
   */
  public static SourceStatus next(SourceStatus previous, ReconcileRecord record,
      ManagedCounts managed, boolean retryable, Instant now) {
    List<Condition> conditions = Conditions.remove(previous.conditions(), Conditions.RECONCILING);
    String applied = previous.lastAppliedRevision();
    String attempted = record.revision();
    String reason = record.reason();
    if (Conditions.SUSPENDED.equals(reason)) {
      attempted = previous.lastAttemptedRevision();
      String status = previous.condition(Conditions.READY).map(Condition::status)
          .orElse(Conditions.UNKNOWN);
      conditions = Conditions.set(conditions, Conditions.READY, status, reason,
          record.message().isBlank() ? "source is suspended; nothing applied" : record.message(),
          now);
    } else if (Conditions.DRIFT_DETECTED.equals(reason)) {
      conditions = Conditions.set(conditions, Conditions.READY, Conditions.FALSE, reason,
          record.message().isBlank() ? "live differs from revision " + quote(record.revision())
              : record.message(), now);
      conditions = Conditions.remove(conditions, Conditions.STALLED);
    } else if (record.ok()) {
      applied = record.revision();
      conditions = Conditions.set(conditions, Conditions.READY, Conditions.TRUE,
          Conditions.RECONCILIATION_SUCCEEDED, "applied revision " + quote(record.revision())
              + warnings(record.message()), now);
      conditions = Conditions.remove(conditions, Conditions.STALLED);
    } else {
      reason = failureReason(record);
      String message = failureMessage(record);
      conditions = Conditions.set(conditions, Conditions.READY, Conditions.FALSE, reason,
          message, now);
      conditions = Conditions.set(conditions, Conditions.STALLED,
          retryable ? Conditions.FALSE : Conditions.TRUE, reason, message, now);
    }
    List<ReconcileRecord> history = new ArrayList<>();
    history.add(record);
    history.addAll(previous.history());
    if (history.size() > SourceStatus.HISTORY_LIMIT) {
      history = history.subList(0, SourceStatus.HISTORY_LIMIT);
    }
    WebhookDelivery webhook = previous.lastHandledWebhook();
    String trigger = record.trigger();
    if (ReconcileRecord.WEBHOOK.equals(ReconcileRecord.triggerKind(trigger))
        && trigger.length() > ReconcileRecord.WEBHOOK.length()) {
      String rest = trigger.substring(ReconcileRecord.WEBHOOK.length() + 1);
      int slash = rest.indexOf('/');
      webhook = new WebhookDelivery(slash < 0 ? rest : rest.substring(0, slash),
          slash < 0 ? "" : rest.substring(slash + 1), record.result(), now);
    }
    return with(previous, conditions, applied, attempted, webhook, history,
        managed == null ? previous.managed() : managed, now);
  }

  /**
   * {@code previous} with {@code delivery} as its last handled webhook, for deliveries that did
   * not lead to a reconcile (ignored, rejected, coalesced); conditions and history are kept.
   */
  public static SourceStatus webhook(SourceStatus previous, WebhookDelivery delivery,
      Instant now) {
    return with(previous, previous.conditions(), previous.lastAppliedRevision(),
        previous.lastAttemptedRevision(), delivery, previous.history(), previous.managed(), now);
  }

  /** The warnings {@code message} ends with ({@link ReconcileRecord#WARNING} on), or empty. */
  private static String warnings(String message) {
    int at = message.indexOf(ReconcileRecord.WARNING);
    return at < 0 ? "" : message.substring(at);
  }

  private static String failureReason(ReconcileRecord r) {
    if (r.ok()) {
      return r.reason();
    }
    if (!r.reason().isEmpty() && !Conditions.RECONCILIATION_SUCCEEDED.equals(r.reason())) {
      return r.reason();
    }
    return ReconcileRecord.REFUSED.equals(r.result()) ? Conditions.PRUNE_REFUSED
        : Conditions.APPLY_FAILED;
  }

  private static String failureMessage(ReconcileRecord r) {
    if (!r.message().isBlank()) {
      return r.message();
    }
    return r.revision().isEmpty() ? "reconciliation failed"
        : "reconciliation of revision " + quote(r.revision()) + " failed";
  }

  private static SourceStatus with(SourceStatus s, List<Condition> conditions, String applied,
      String attempted, WebhookDelivery webhook, List<ReconcileRecord> history,
      ManagedCounts managed, Instant now) {
    return new SourceStatus(s.source(), s.repo(), s.ref(), conditions, applied, attempted,
        webhook, history, managed, now, s.heldRollouts(), s.states(), s.statesOmitted());
  }
}
