package dev.roster.plan;

import java.time.Instant;
import java.util.List;

/**
 * How one change reaches a running agent, and whether its rollout policy holds it back.
 *
 * @param marker whether the change takes effect in place, restarts the agent, or starts a run
 * @param hold whether the restart-class part waits, went out at once, or was forced
 * @param reason why it waits ({@code WaitingForTasks}, {@code AwaitingApproval}) or was forced;
 *     empty otherwise
 * @param inFlight work in flight counted for the decision (tasks, busy agents)
 * @param since when the hold started (null unless held or forced)
 * @param deadline when a Rollout hold is forced (null unless held under Rollout)
 * @param heldPointers the fields that wait (a subset of the change's fields)
 * @param reached objects a changed template or ConfigMap restarts ({@code Kind/ns/name})
 * @param record what apply records on, or removes from, the live object for the hold
 *     ({@link HoldRecord#NONE} when nothing)
 */
public record RolloutState(
    Marker marker,
    Hold hold,
    String reason,
    int inFlight,
    Instant since,
    Instant deadline,
    List<String> heldPointers,
    List<String> reached,
    HoldRecord record) {

  /** No rollout semantics. */
  public static final RolloutState NONE = of(Marker.NONE);

  public RolloutState {
    record = record == null ? HoldRecord.NONE : record;
  }

  /** A state with nothing to record live. */
  public RolloutState(Marker marker, Hold hold, String reason, int inFlight, Instant since,
      Instant deadline, List<String> heldPointers, List<String> reached) {
    this(marker, hold, reason, inFlight, since, deadline, heldPointers, reached, HoldRecord.NONE);
  }

  /**
   * Kind of effect on a running agent; {@code RECREATE}: the object is deleted and created again
   * from Git (a change to a field the platform reads only at creation, asked for in Git).
   */
  public enum Marker {
    NONE, IN_PLACE, RESTART, NEW_RUN, RECREATE
  }

  /** Hold decision. */
  public enum Hold {
    /** Goes out now. */
    NONE,
    /** Waits for work in flight to end (or the timeout). */
    HELD,
    /** Waits for {@code roster.dev/approve}. */
    AWAITING_APPROVAL,
    /** Was held longer than the timeout and goes out now. */
    FORCED
  }

  public static RolloutState of(Marker marker) {
    return new RolloutState(marker, Hold.NONE, "", 0, null, null, List.of(), List.of(),
        HoldRecord.NONE);
  }

  /** This state with {@code r} to record live. */
  public RolloutState withRecord(HoldRecord r) {
    return new RolloutState(marker, hold, reason, inFlight, since, deadline, heldPointers,
        reached, r);
  }

  /** Whether part of the change waits. */
  public boolean waiting() {
    return hold == Hold.HELD || hold == Hold.AWAITING_APPROVAL;
  }

  /** Lower-case, hyphenated marker, e.g. {@code in-place}; empty for NONE. */
  public String markerText() {
    return marker == Marker.NONE ? "" : marker.name().toLowerCase().replace('_', '-');
  }

  /**
   * One-line description for plan output, e.g. {@code restart, held: WaitingForTasks (2 tasks)
   * since 2025-01-01T10:00:00Z until 2025-01-01T11:00:00Z}; empty when there is nothing to say.
   */
  public String describe() {
    StringBuilder b = new StringBuilder(markerText());
    if (marker == Marker.RECREATE && hold != Hold.HELD && hold != Hold.AWAITING_APPROVAL) {
      b.append(": deleted and created again from Git");
    }
    switch (hold) {
      case HELD -> b.append(", held: ").append(reason).append(" (").append(inFlight)
          .append(RolloutGate.WAITING_FOR_TASKS.equals(reason)
              ? inFlight == 1 ? " task" : " tasks" : " not ready")
          .append(")").append(" since ").append(since).append(" until ").append(deadline);
      case AWAITING_APPROVAL -> b.append(", held: ").append(reason).append(" since ")
          .append(since);
      case FORCED -> b.append(", forced: held since ").append(since).append(" (")
          .append(inFlight).append(inFlight == 1 ? " task" : " tasks").append(" still running)");
      default -> { }
    }
    if (!reached.isEmpty()) {
      b.append(", reaches ").append(String.join(" ", reached));
    }
    String s = b.toString();
    return s.startsWith(", ") ? s.substring(2) : s;
  }
}
