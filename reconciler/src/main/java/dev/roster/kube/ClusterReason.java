package dev.roster.kube;

import static dev.roster.failure.FailureKind.BAD_ARGUMENT;
import static dev.roster.failure.FailureKind.REFUSED;
import static dev.roster.failure.FailureKind.UNAVAILABLE;

import dev.roster.failure.FailureKind;
import dev.roster.failure.Reason;

/** Why a request to the API server failed, or could not be made. */
public enum ClusterReason implements Reason {
  /** No HTTP answer: connection refused or reset, DNS failure. */
  CLUSTER_UNREACHABLE(true, UNAVAILABLE),
  /** No HTTP answer in time: connect, read or request timeout. */
  TIMEOUT(true, UNAVAILABLE),
  /** The TLS handshake failed, e.g. the server's certificate is not trusted. */
  TLS_FAILED(false, UNAVAILABLE),
  /** 401: no or bad credentials. */
  UNAUTHORIZED(false, UNAVAILABLE),
  /** 403: RBAC denies the verb. */
  FORBIDDEN(false, UNAVAILABLE),
  /** 404: the object, or its kind, does not exist. */
  NOT_FOUND(false, UNAVAILABLE),
  /** 409: already exists, or the object changed since it was read. Retry after a re-read. */
  CONFLICT(true, UNAVAILABLE),
  /** 400, 422 and other 4xx: the server rejects the request itself; also client-side errors. */
  INVALID(false, UNAVAILABLE),
  /** 429: the server throttles this client. */
  TOO_MANY_REQUESTS(true, UNAVAILABLE),
  /** 5xx: the server failed. */
  SERVER_ERROR(true, UNAVAILABLE),
  /** The kubeconfig is missing, unreadable, or lacks the requested context. */
  KUBECONFIG_INVALID(false, BAD_ARGUMENT),
  /** The source's inventory ConfigMap cannot be decoded; nothing is planned or pruned. */
  INVENTORY_CORRUPT(false, REFUSED),
  /** Another apply of the same source holds its lock past the lock timeout. */
  APPLY_LOCKED(true, REFUSED);

  private final boolean retryable;
  private final FailureKind kind;

  ClusterReason(boolean retryable, FailureKind kind) {
    this.retryable = retryable;
    this.kind = kind;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }

  @Override
  public String stage() {
    return "cluster";
  }
}
