package dev.roster.kube;

import static dev.roster.kube.ClusterReason.CLUSTER_UNREACHABLE;
import static dev.roster.kube.ClusterReason.CONFLICT;
import static dev.roster.kube.ClusterReason.FORBIDDEN;
import static dev.roster.kube.ClusterReason.INVALID;
import static dev.roster.kube.ClusterReason.NOT_FOUND;
import static dev.roster.kube.ClusterReason.SERVER_ERROR;
import static dev.roster.kube.ClusterReason.TIMEOUT;
import static dev.roster.kube.ClusterReason.TLS_FAILED;
import static dev.roster.kube.ClusterReason.TOO_MANY_REQUESTS;
import static dev.roster.kube.ClusterReason.UNAUTHORIZED;

import dev.roster.failure.RosterException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The cluster refused or failed a request, or could not be reached. Built from fabric8's {@link
 * KubernetesClientException} by {@link #from}, which maps the HTTP status code, never the message
 * text, into a {@link ClusterReason}. Messages never contain credentials.
 */
public final class ClusterException extends RosterException {
  public ClusterException(ClusterReason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  public ClusterException(ClusterReason reason, String message) {
    super(reason, message);
  }

  @Override
  public ClusterReason reason() {
    return (ClusterReason) super.reason();
  }

  /**
   * Classifies a fabric8 failure by its HTTP code. Code 0 (no HTTP answer) is {@code Timeout}
   * when a timeout caused it, {@code TlsFailed} for a TLS failure, {@code ClusterUnreachable} for
   * any other I/O error, else {@code Invalid}: fabric8 raised it before sending anything, e.g. for
   * a kind the server does not serve.
   */
  public static ClusterException from(KubernetesClientException e) {
    int code = e.getCode();
    String detail = detail(e);
    if (code <= 0) {
      Throwable io = ioCause(e);
      if (io == null) {
        return new ClusterException(INVALID, detail, e);
      }
      ClusterReason reason = io instanceof SSLException ? TLS_FAILED
          : timedOut(e) ? TIMEOUT
          : CLUSTER_UNREACHABLE;
      return new ClusterException(reason, "cluster unreachable: " + describe(io), e);
    }
    return switch (code) {
      case 401 -> new ClusterException(UNAUTHORIZED, "unauthorized (401): " + detail, e);
      case 403 -> new ClusterException(FORBIDDEN, "forbidden (403): " + detail
          + " (grant it to Roster's service account; the chart does through rbac.kinds and"
          + " rbac.clusterWide or rbac.namespaces)", e);
      case 404 -> new ClusterException(NOT_FOUND, "not found (404): " + detail, e);
      case 409 -> new ClusterException(CONFLICT, "conflict (409): " + detail, e);
      case 429 -> new ClusterException(TOO_MANY_REQUESTS, "throttled (429): " + detail, e);
      default -> code >= 500
          ? new ClusterException(SERVER_ERROR, "server error (" + code + "): " + detail, e)
          : new ClusterException(INVALID, "invalid (" + code + "): " + detail, e);
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

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
