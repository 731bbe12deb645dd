package dev.roster.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The API server refused or could not be reached. Branches on HTTP codes, never on text. */
public final class ClusterException extends RuntimeException {
  private final String reason;
  private final boolean retryable;

  public ClusterException(String reason, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }

  /** Maps a client exception by its HTTP code; code 0 means no answer at all. */
  public static ClusterException from(KubernetesClientException e) {
    int code = e.getCode();
    String status = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return switch (code) {
      case 0 -> new ClusterException("ClusterUnreachable",
          "API server unreachable: " + rootMessage(e), true, e);
      case 401 -> new ClusterException("Unauthorized", "unauthorized: " + status, false, e);
      case 403 -> new ClusterException("Forbidden", "forbidden: " + status, false, e);
      case 404 -> new ClusterException("NotFound", "not found: " + status, false, e);
      case 409 -> new ClusterException("Conflict", "conflict: " + status, true, e);
      case 422, 400 -> new ClusterException("Invalid", "rejected: " + status, false, e);
      case 429 -> new ClusterException("TooManyRequests", "throttled: " + status, true, e);
      default -> new ClusterException("ServerError", "server error " + code + ": " + status,
          code >= 500, e);
    };
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
  }
}
