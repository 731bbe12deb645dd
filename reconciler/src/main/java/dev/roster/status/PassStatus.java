package dev.roster.status;

import dev.roster.apply.ApplyResult;
import dev.roster.plan.Plan;
import java.time.Instant;

/**
 * A source's status after one finished reconcile — a serve pass or a CLI apply alike — and what
 * it did to rollout holds. Pure.
 *
 * @param status the next status
 * @param rollouts holds started, released and forced by the pass ({@link RolloutReport#NONE}
 *     when it did not plan)
 */
public record PassStatus(SourceStatus status, RolloutReport rollouts) {
  /**
   * {@code base} after the reconcile {@code record} ({@link StatusReducer#next(SourceStatus,
   * ReconcileRecord, ManagedCounts, boolean, Instant)}), with the held rollouts recomputed from
   * {@code plan} and {@code applied} when the pass planned; without a plan the holds last
   * reported stand.
   */
  public static PassStatus after(SourceStatus base, ReconcileRecord record, ManagedCounts managed,
      boolean retryable, Plan plan, ApplyResult applied, Instant now) {
    SourceStatus next = StatusReducer.next(base, record, managed, retryable, now);
    if (plan == null) {
      return new PassStatus(next, RolloutReport.NONE);
    }
    RolloutReport report = RolloutReport.of(plan, applied, base.heldRollouts());
    return new PassStatus(next.withHeldRollouts(report.entries(record.revision())), report);
  }
}
