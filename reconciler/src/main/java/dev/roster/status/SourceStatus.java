package dev.roster.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Roster reports about one source; stored as JSON by {@link StatusStore}. Computed by {@link
 * StatusReducer}, never edited in place.
 *
 * @param source the source name
 * @param repo the repo URL or directory, without credentials
 * @param ref the branch, tag or commit followed; empty for the remote HEAD
 * @param conditions {@code Ready}, {@code Reconciling} and {@code Stalled}, in that order
 * @param lastAppliedRevision the revision live now; kept when a later one fails; empty when none
 *     ever applied
 * @param lastAttemptedRevision the revision of the last reconcile, whatever its result
 * @param lastHandledWebhook the last webhook delivery handled, or null
 * @param history the last {@value #HISTORY_LIMIT} reconciles, newest first
 * @param managed objects by state after the last apply
 * @param observedAt when this status was computed
 * @param heldRollouts objects whose restart-class change the last planned pass held back (empty
 *     in statuses written before holds were reported)
 * @param states managed objects in a state their profile names (failed, not ready, queued,
 *     sleeping, over budget), as of the last planned pass: unhealthy ones first, at most {@value
 *     #STATES_LIMIT}
 * @param statesOmitted how many more objects were in such a state (beyond the limit)
 */
public record SourceStatus(
    String source,
    String repo,
    String ref,
    List<Condition> conditions,
    String lastAppliedRevision,
    String lastAttemptedRevision,
    WebhookDelivery lastHandledWebhook,
    List<ReconcileRecord> history,
    ManagedCounts managed,
    Instant observedAt,
    List<HeldRollout> heldRollouts,
    List<ObjectState> states,
    int statesOmitted) {
  /** How many object states {@link #states} keeps (the status ConfigMap stays small). */
  public static final int STATES_LIMIT = 300;

  /** How many reconciles {@link #history} keeps. */
  public static final int HISTORY_LIMIT = 10;

  public SourceStatus {
    repo = repo == null ? "" : repo;
    ref = ref == null ? "" : ref;
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    lastAppliedRevision = lastAppliedRevision == null ? "" : lastAppliedRevision;
    lastAttemptedRevision = lastAttemptedRevision == null ? "" : lastAttemptedRevision;
    history = history == null ? List.of() : List.copyOf(history);
    managed = managed == null ? ManagedCounts.NONE : managed;
    heldRollouts = heldRollouts == null ? List.of() : List.copyOf(heldRollouts);
    states = states == null ? List.of() : List.copyOf(states);
  }

  /** As the canonical constructor, with no held rollouts. */
  public SourceStatus(String source, String repo, String ref, List<Condition> conditions,
      String lastAppliedRevision, String lastAttemptedRevision,
      WebhookDelivery lastHandledWebhook, List<ReconcileRecord> history, ManagedCounts managed,
      Instant observedAt) {
    this(source, repo, ref, conditions, lastAppliedRevision, lastAttemptedRevision,
        lastHandledWebhook, history, managed, observedAt, List.of(), List.of(), 0);
  }

  /** This status with {@code held} as its held rollouts. */
  public SourceStatus withHeldRollouts(List<HeldRollout> held) {
    return new SourceStatus(source, repo, ref, conditions, lastAppliedRevision,
        lastAttemptedRevision, lastHandledWebhook, history, managed, observedAt, held, states,
        statesOmitted);
  }

  /**
   * This status with {@code now} as its object states: the unhealthy ones first, at most {@value
   * #STATES_LIMIT}, the rest counted in {@link #statesOmitted}.
   */
  public SourceStatus withStates(List<ObjectState> now) {
    List<ObjectState> ordered = new java.util.ArrayList<>(now);
    ordered.sort(java.util.Comparator.comparing(o -> !o.unhealthy()));
    int omitted = Math.max(0, ordered.size() - STATES_LIMIT);
    return withStates(ordered.subList(0, ordered.size() - omitted), omitted);
  }

  /**
   * This status with {@code kept} as its object states, as given (the caller keeps them ordered
   * and limited as {@link #withStates(List)} would), and {@code omitted} more counted.
   */
  public SourceStatus withStates(List<ObjectState> kept, int omitted) {
    return new SourceStatus(source, repo, ref, conditions, lastAppliedRevision,
        lastAttemptedRevision, lastHandledWebhook, history, managed, observedAt, heldRollouts,
        kept, omitted);
  }

  /** The states that are a problem ({@link ObjectState#unhealthy}). */
  public List<ObjectState> unhealthy() {
    return states.stream().filter(ObjectState::unhealthy).toList();
  }

  /** The condition of {@code type}, if present. */
  public Optional<Condition> condition(String type) {
    return Conditions.find(conditions, type);
  }

  /** The newest reconcile, if any ran. */
  public Optional<ReconcileRecord> lastReconcile() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(0));
  }
}
