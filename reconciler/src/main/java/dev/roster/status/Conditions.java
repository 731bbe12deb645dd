package dev.roster.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Condition types, statuses and reasons, and pure helpers over condition lists. Lists returned
 * here are immutable and ordered {@code Ready}, {@code Reconciling}, {@code Stalled}, then any
 * other type by name.
 */
public final class Conditions {
  /** The source's desired state is live (True), is not (False), or is not known yet (Unknown). */
  public static final String READY = "Ready";
  /** A reconcile is in progress; only present while one runs. */
  public static final String RECONCILING = "Reconciling";
  /**
   * Abnormal-true: retrying the same revision cannot succeed; a new commit (or flag) is needed.
   * True after a non-retryable failure, False after a retryable one, absent after a success.
   */
  public static final String STALLED = "Stalled";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  /** The revision was applied (or nothing needed to change). */
  public static final String RECONCILIATION_SUCCEEDED = "ReconciliationSucceeded";
  /** A reconcile is running, or none has run yet. */
  public static final String PROGRESSING = "Progressing";
  /** Git could not be reached or read. Retryable. */
  public static final String SOURCE_FETCH_FAILED = "SourceFetchFailed";
  /** The revision has load or validation errors; nothing was applied. Stalls. */
  public static final String VALIDATION_FAILED = "ValidationFailed";
  /** One or more objects failed to apply or prune. Retryable. */
  public static final String APPLY_FAILED = "ApplyFailed";
  /**
   * The API server's RBAC refused a request Roster needs (403); the message names the verb,
   * resource and namespace. Retried with the resync interval, or with backoff when objects failed.
   */
  public static final String FORBIDDEN = "Forbidden";
  /** The mass-prune guard refused the revision; nothing was applied. Stalls. */
  public static final String PRUNE_REFUSED = "PruneRefused";
  /** The API server could not be reached. Retryable. */
  public static final String CLUSTER_UNREACHABLE = "ClusterUnreachable";
  /** A pass failed in a way no other reason names (a bug). Retryable. */
  public static final String RECONCILE_FAILED = "ReconcileFailed";
  /** Live differs from the applied revision and drift is reported, not reverted. */
  public static final String DRIFT_DETECTED = "DriftDetected";
  /** Reconciles are suspended by configuration; nothing is applied. */
  public static final String SUSPENDED = "Suspended";
  /** A source this one depends on is not ready. Retryable. */
  public static final String DEPENDENCY_NOT_READY = "DependencyNotReady";
  /** Waiting for tasks to finish before a rollout continues. Retryable. */
  public static final String WAITING_FOR_TASKS = "WaitingForTasks";

  private static final Set<String> STALLING = Set.of(VALIDATION_FAILED, PRUNE_REFUSED);
  private static final List<String> ORDER = List.of(READY, RECONCILING, STALLED);
  private static final Comparator<Condition> BY_TYPE = Comparator
      .comparingInt((Condition c) -> ORDER.contains(c.type()) ? ORDER.indexOf(c.type())
          : ORDER.size())
      .thenComparing(Condition::type);

  private Conditions() {}

  /**
   * Whether a failure with {@code reason} stalls the source: true for {@code ValidationFailed}
   * and {@code PruneRefused}, false for every other reason.
   */
  public static boolean stalls(String reason) {
    return STALLING.contains(reason);
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** Whether the condition of {@code type} is present with status {@code True}. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.status())).orElse(false);
  }

  /**
   * {@code conditions} with the condition of {@code type} set. Its {@code lastTransitionTime} is
   * {@code now} (truncated to seconds) when the status changes or the type is new, else kept.
   */
  public static List<Condition> set(List<Condition> conditions, String type, String status,
      String reason, String message, Instant now) {
    Instant since = find(conditions, type).filter(c -> c.status().equals(status))
        .map(Condition::lastTransitionTime).orElse(now.truncatedTo(ChronoUnit.SECONDS));
    List<Condition> out = new ArrayList<>(remove(conditions, type));
    out.add(new Condition(type, status, reason, message, since));
    out.sort(BY_TYPE);
    return List.copyOf(out);
  }

  /** {@code conditions} without the condition of {@code type}; unchanged if absent. */
  public static List<Condition> remove(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> !c.type().equals(type)).toList();
  }

  /** {@code value} in single quotes, for messages. */
  static String quote(String value) {
    return "'" + value + "'";
  }
}
