package dev.roster.plan;

/** Labels and annotations through which Roster marks and tracks what it manages. */
public final class Ownership {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "roster";
  public static final String SOURCE = "roster.dev/source";
  public static final String REVISION = "roster.dev/revision";
  public static final String REPO = "roster.dev/repo";
  public static final String FILE = "roster.dev/file";
  public static final String APPLIED_FIELDS = "roster.dev/applied-fields";
  /** Live: digests of Git's values at runtime-owned and ignored pointers ({@link ThreeWay}). */
  public static final String APPLIED_DIGESTS = "roster.dev/applied-digests";
  /** Git: pointers (comma-separated) whose live-only changes Roster leaves alone. */
  public static final String IGNORE_FIELDS = "roster.dev/ignore-fields";
  public static final String ADOPT = "roster.dev/adopt";
  public static final String PRUNE = "roster.dev/prune";
  /** Git: rollout policy, {@code Rollout} (default), {@code Immediate} or {@code Manual} ({@code HotReload}: Immediate). */
  public static final String ROLLOUT = "roster.dev/rollout";
  /** Git: how long a Rollout hold may last before it is forced (Go duration, default 1h). */
  public static final String ROLLOUT_TIMEOUT = "roster.dev/rollout-timeout";
  /** Git: a token whose change asks for a new run of a one-shot object. */
  public static final String RERUN = "roster.dev/rerun";
  /**
   * Git: {@code "true"} lets Roster apply a change to a field the platform reads only at creation
   * by deleting and re-creating the object (see {@link Immutables}).
   */
  public static final String RECREATE = "roster.dev/recreate";
  /** Live: the revision (or a prefix of its commit hash) approved under the Manual policy. */
  public static final String APPROVE = "roster.dev/approve";
  /** Live: when the current hold started (RFC 3339); removed when it is released. */
  public static final String HELD_SINCE = "roster.dev/held-since";
  /** Live: the revision whose changes are held. */
  public static final String HELD_REVISION = "roster.dev/held-revision";

  private Ownership() {}

  /** Annotations that record provenance: written with a change, never a change themselves. */
  public static boolean isProvenance(String annotation) {
    return REVISION.equals(annotation) || REPO.equals(annotation) || FILE.equals(annotation)
        || APPLIED_FIELDS.equals(annotation) || APPLIED_DIGESTS.equals(annotation)
        || HELD_SINCE.equals(annotation)
        || HELD_REVISION.equals(annotation);
  }
}
