package dev.roster.status;

import dev.roster.apply.ApplyResult;
import dev.roster.plan.Change;
import dev.roster.plan.ObjectHealth;
import dev.roster.plan.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's status after one finished reconcile — a serve pass or a CLI apply alike — what it
 * did to rollout holds, and which objects entered an unhealthy state. Pure.
 *
 * @param status the next status
 * @param rollouts holds started, released and forced by the pass ({@link RolloutReport#NONE}
 *     when it did not plan)
 * @param turnedUnhealthy changes whose object is in an unhealthy state ({@link
 *     ObjectHealth#unhealthy}) that the previous status did not list it in
 */
public record PassStatus(SourceStatus status, RolloutReport rollouts,
    List<Change> turnedUnhealthy) {
  public PassStatus {
    turnedUnhealthy = turnedUnhealthy == null ? List.of() : List.copyOf(turnedUnhealthy);
  }

  /**
   * {@code base} after the reconcile {@code record} ({@link StatusReducer#next(SourceStatus,
   * ReconcileRecord, ManagedCounts, boolean, Instant)}), with the held rollouts and the object
   * states recomputed from {@code plan} and {@code applied} when the pass planned; without a plan
   * the holds and states last reported stand. A state the previous status listed keeps its
   * {@code since}.
   */
  public static PassStatus after(SourceStatus base, ReconcileRecord record, ManagedCounts managed,
      boolean retryable, Plan plan, ApplyResult applied, Instant now) {
    SourceStatus next = StatusReducer.next(base, record, managed, retryable, now);
    if (plan == null) {
      return new PassStatus(next, RolloutReport.NONE, List.of());
    }
    RolloutReport report = RolloutReport.of(plan, applied, base.heldRollouts());
    Map<String, ObjectState> before = new HashMap<>();
    base.states().forEach(s -> before.put(s.object(), s));
    List<ObjectState> states = new ArrayList<>();
    List<Change> turned = new ArrayList<>();
    for (Change c : plan.states()) {
      ObjectHealth h = c.health();
      String object = RolloutReport.object(c.key());
      ObjectState was = before.get(object);
      boolean same = was != null && was.state().equals(h.state());
      states.add(new ObjectState(object, h.state(), h.unhealthy(), h.message(),
          same && was.since() != null ? was.since() : now));
      if (h.unhealthy() && !same) {
        turned.add(c);
      }
    }
    return new PassStatus(next.withHeldRollouts(report.entries(record.revision()))
        .withStates(states), report, turned);
  }
}
