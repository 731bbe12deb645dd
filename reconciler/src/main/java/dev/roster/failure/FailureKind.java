package dev.roster.failure;

/** What a failure means to whoever started Roster. The CLI maps each kind to one exit code. */
public enum FailureKind {
  /** A flag or argument names something that does not exist (a ref, path, directory, context). */
  BAD_ARGUMENT,
  /** The config repo (or serve config, or a schema) has errors; nothing was applied. */
  INVALID_INPUT,
  /** Apply or prune failed or was refused. */
  REFUSED,
  /** The source or the cluster could not be reached, or did not serve the request. */
  UNAVAILABLE
}
