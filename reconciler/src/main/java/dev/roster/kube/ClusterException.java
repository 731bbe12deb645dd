package dev.roster.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The cluster refused or failed a request, or could not be reached. Built from fabric8's {@link
 * KubernetesClientException} by {@link #from}, which maps the HTTP status code, never the message
 * text. Messages never contain credentials.
 */
public final class ClusterException extends RuntimeException {
  /** No HTTP answer: connection refused or reset, DNS failure, timeout. Retryable. */
  public static final String CLUSTER_UNREACHABLE = "ClusterUnreachable";
  /** 401: no or bad credentials. */
  public static final String UNAUTHORIZED = "Unauthorized";
  /** 403: RBAC denies the verb. */
  public static final String FORBIDDEN = "Forbidden";
  /** 404: the object, or its kind, does not exist. */
  public static final String NOT_FOUND = "NotFound";
  /** 409: already exists, or the object changed since it was read. Retryable after a re-read. */
  public static final String CONFLICT = "Conflict";
  /** 400, 422 and other 4xx: the server rejects the request itself; also client-side errors. */
  public static final String INVALID = "Invalid";
  /** 5xx: the server failed. Retryable. */
  public static final String SERVER_ERROR = "ServerError";
  /** 429: the server throttles this client. Retryable. */
  public static final String TOO_MANY_REQUESTS = "TooManyRequests";
  /** The kubeconfig is missing, unreadable, or lacks the requested context. */
  public static final String KUBECONFIG_INVALID = "KubeconfigInvalid";

  private final String reason;
  private final boolean retryable;

  public ClusterException(String reason, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  /** PascalCase reason, one of the constants above. */
  public String reason() {
    return reason;
  }

  /** Whether trying again later, unchanged, can help. */
  public boolean retryable() {
    return retryable;
  }

  /**
   * Classifies a fabric8 failure by its HTTP code. Code 0 (no HTTP answer) is {@code
   * ClusterUnreachable} when an I/O error or timeout caused it (not retryable for TLS failures),
   * else {@code Invalid}: fabric8 raised it before sending anything, e.g. for a kind the server
   * does not serve.
   */
  public static ClusterException from(KubernetesClientException e) {
    int code = e.getCode();
    String detail = detail(e);
    if (code <= 0) {
      Throwable io = ioCause(e);
      if (io == null) {
        return new ClusterException(INVALID, detail, false, e);
      }
      boolean tls = io instanceof SSLException;
      return new ClusterException(CLUSTER_UNREACHABLE, "cluster unreachable: " + describe(io),
          !tls, e);
    }
    return switch (code) {
      case 401 -> new ClusterException(UNAUTHORIZED, "unauthorized (401): " + detail, false, e);
      case 403 -> new ClusterException(FORBIDDEN, "forbidden (403): " + detail, false, e);
      case 404 -> new ClusterException(NOT_FOUND, "not found (404): " + detail, false, e);
      case 409 -> new ClusterException(CONFLICT, "conflict (409): " + detail, true, e);
      case 429 -> new ClusterException(TOO_MANY_REQUESTS, "throttled (429): " + detail, true, e);
      default -> code >= 500
          ? new ClusterException(SERVER_ERROR, "server error (" + code + "): " + detail, true, e)
          : new ClusterException(INVALID, "invalid (" + code + "): " + detail, false, e);
    };
  }

  private static String detail(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return t;
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
