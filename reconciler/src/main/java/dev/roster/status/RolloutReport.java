package dev.roster.status;

import dev.roster.load.Metadata;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.Ownership;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one pass did to rollout holds, for status, events and metrics. Pure.
 *
 * <ul>
 *   <li>{@link #held}: every change the plan holds back (Rollout or Manual);
 *   <li>{@link #started}: held changes whose hold starts with this pass: the live object has no
 *       {@code roster.dev/held-since} yet and the pass wrote the hold (so a hold is reported once,
 *       not on every pass, and again after a Roster restart only if it was never recorded);
 *   <li>{@link #released}: objects held in the previous status that this pass applied without a
 *       hold (a change Git reverted, which cancels the hold, is not a release);
 *   <li>{@link #forced}: changes held longer than their timeout that this pass applied.
 * </ul>
 *
 * @param held changes held back now
 * @param started held changes whose hold starts now
 * @param released previously held changes that went out now
 * @param forced changes that went out now because their hold timed out
 */
public record RolloutReport(List<Change> held, List<Change> started, List<Change> released,
    List<Change> forced) {
  /** Nothing held, nothing moved. */
  public static final RolloutReport NONE = new RolloutReport(List.of(), List.of(), List.of(),
      List.of());

  /**
   * @param plan the pass's plan (null when planning did not happen: nothing to report)
   * @param applied its apply result, or null when nothing was applied
   * @param previouslyHeld the held rollouts of the previous status
   */
  public static RolloutReport of(Plan plan, ApplyResult applied,
      List<HeldRollout> previouslyHeld) {
    if (plan == null) {
      return NONE;
    }
    Set<ResourceKey> written = new HashSet<>();
    if (applied != null) {
      for (Outcome o : applied.outcomes()) {
        boolean heldPruneRecorded = o.change().heldPrune() && o.change().writes()
            && o.status() == Outcome.Status.SKIPPED; // kept, its hold record written
        if (o.status() == Outcome.Status.APPLIED || heldPruneRecorded) {
          written.add(o.change().key());
        }
      }
    }
    Set<String> before = new HashSet<>();
    previouslyHeld.forEach(h -> before.add(h.object()));
    List<Change> held = plan.held();
    List<Change> started = new ArrayList<>();
    List<Change> released = new ArrayList<>();
    List<Change> forced = new ArrayList<>();
    for (Change c : held) {
      if (written.contains(c.key()) && Metadata.annotation(c.live(), Ownership.HELD_SINCE) == null) {
        started.add(c);
      }
    }
    for (Change c : written.isEmpty() ? List.<Change>of() : plan.changes()) {
      RolloutState r = c.rollout();
      boolean mayCount = r.hold() == RolloutState.Hold.FORCED
          || !before.isEmpty() && r.marker() != RolloutState.Marker.NONE;
      if (r.waiting() || !mayCount || !written.contains(c.key())) { // cheapest tests first
        continue;
      }
      if (r.hold() == RolloutState.Hold.FORCED) {
        forced.add(c);
      } else if (before.contains(object(c.key())) && r.marker() != RolloutState.Marker.NONE) {
        released.add(c);
      }
    }
    return new RolloutReport(held, List.copyOf(started), List.copyOf(released),
        List.copyOf(forced));
  }

  /** The held changes as status entries. */
  public List<HeldRollout> entries(String revision) {
    return held.stream().map(c -> new HeldRollout(object(c.key()), c.rollout().reason(),
        c.rollout().inFlight(), c.rollout().since(), c.rollout().deadline(), revision)).toList();
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped objects. */
  public static String object(ResourceKey k) {
    return k.kind() + "/" + (k.namespace().isEmpty() ? "" : k.namespace() + "/") + k.name();
  }
}
