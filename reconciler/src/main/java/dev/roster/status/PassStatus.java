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
    // Unhealthy first, in plan order, then the rest: only those kept are named and built.
    List<Change> unhealthy = new ArrayList<>();
    List<Change> healthy = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (c.health() != null) {
        (c.health().unhealthy() ? unhealthy : healthy).add(c);
      }
    }
    List<ObjectState> states = new ArrayList<>();
    List<Change> turned = new ArrayList<>();
    for (Change c : unhealthy) {
      ObjectState s = state(c, before, now);
      if (states.size() < SourceStatus.STATES_LIMIT) {
        states.add(s);
      }
      if (!same(c, before.get(s.object()))) {
        turned.add(c);
      }
    }
    for (int i = 0; i < healthy.size() && states.size() < SourceStatus.STATES_LIMIT; i++) {
      states.add(state(healthy.get(i), before, now));
    }
    int omitted = unhealthy.size() + healthy.size() - states.size();
    return new PassStatus(next.withHeldRollouts(report.entries(record.revision()))
        .withStates(states, omitted), report, turned);
  }

  /** {@code c}'s state; its {@code since} kept when the previous status listed the same state. */
  private static ObjectState state(Change c, Map<String, ObjectState> before, Instant now) {
    ObjectHealth h = c.health();
    String object = RolloutReport.object(c.key());
    ObjectState was = before.get(object);
    return new ObjectState(object, h.state(), h.unhealthy(), h.message(),
        same(c, was) && was.since() != null ? was.since() : now);
  }

  private static boolean same(Change c, ObjectState was) {
    return was != null && was.state().equals(c.health().state());
  }
}
