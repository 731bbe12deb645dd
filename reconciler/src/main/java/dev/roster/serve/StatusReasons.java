package dev.roster.serve;

import dev.roster.apply.ApplyReason;
import dev.roster.failure.Reason;
import dev.roster.kube.ClusterReason;
import dev.roster.load.LoadReason;
import dev.roster.source.SourceReason;
import dev.roster.status.Conditions;
import dev.roster.validate.ValidateReason;

/**
 * The one mapping from a failure {@link Reason} to the reason of the {@code Ready} condition (and
 * of the Kubernetes event). Status reasons are coarser than failure reasons: the failure reason
 * stays in the condition's message.
 */
public final class StatusReasons {
  private StatusReasons() {}

  /** The status condition reason for a pass that failed with {@code reason}. */
  public static String of(Reason reason) {
    if (reason instanceof SourceReason || reason instanceof LoadReason) {
      return Conditions.SOURCE_FETCH_FAILED;
    }
    if (reason instanceof ValidateReason v) {
      // Schemas and profiles are read once at start; only the snapshot's own check fails a pass.
      return v == ValidateReason.VALIDATION_FAILED ? Conditions.VALIDATION_FAILED
          : Conditions.RECONCILE_FAILED;
    }
    if (reason instanceof ApplyReason a) {
      return switch (a) {
        case PRUNE_REFUSED -> Conditions.PRUNE_REFUSED;
        case INTERRUPTED, DUPLICATE_OBJECT, PLAN_MOVED -> Conditions.APPLY_FAILED;
      };
    }
    if (reason instanceof ClusterReason c) {
      return switch (c) {
        case CLUSTER_UNREACHABLE, TIMEOUT, TLS_FAILED -> Conditions.CLUSTER_UNREACHABLE;
        case FORBIDDEN -> Conditions.FORBIDDEN;
        case UNAUTHORIZED, NOT_FOUND, CONFLICT, INVALID, TOO_MANY_REQUESTS,
            SERVER_ERROR, KUBECONFIG_INVALID, INVENTORY_CORRUPT, APPLY_LOCKED ->
            Conditions.APPLY_FAILED;
      };
    }
    // ServeConfigReason: read once at start, never the outcome of a pass.
    return Conditions.RECONCILE_FAILED;
  }
}
