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
  public static final String ADOPT = "roster.dev/adopt";
  public static final String PRUNE = "roster.dev/prune";

  private Ownership() {}

  /** Annotations that record provenance: written with a change, never a change themselves. */
  public static boolean isProvenance(String annotation) {
    return REVISION.equals(annotation) || REPO.equals(annotation) || FILE.equals(annotation)
        || APPLIED_FIELDS.equals(annotation);
  }
}
