package dev.roster.serve;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Conditions;

/**
 * Whether the API server answered the last pass or probe ({@link ClusterProbe}) that reached for
 * it, as serve tells it: the
 * {@code roster_cluster_reachable} gauge, a log line at each change (never one per failed pass),
 * and {@code /readyz} (not ready while unreachable). A pass that failed before reaching the
 * cluster (a Git failure) changes nothing. Thread-safe.
 */
final class ClusterHealth implements SyncListener {
  private final Metrics metrics;
  private final ServeLog log;
  private boolean reachable = true;

  ClusterHealth(Metrics metrics, ServeLog log) {
    this.metrics = metrics;
    this.log = log;
    metrics.clusterReachable(true);
  }

  /** False from a pass that found the API server unreachable until one that reached it. */
  synchronized boolean reachable() {
    return reachable;
  }

  @Override
  public void finished(SyncReport r) {
    if (Conditions.SOURCE_FETCH_FAILED.equals(r.reason())) {
      return; // never got as far as the cluster
    }
    observed(!Conditions.CLUSTER_UNREACHABLE.equals(r.reason()), r.source(), r.message());
  }

  /**
   * Records whether the API server answered; {@code source} and {@code message} say who found
   * out and how. Returns true when this is a change from unreachable to reachable.
   */
  boolean observed(boolean now, String source, String message) {
    synchronized (this) {
      if (now == reachable) {
        return false;
      }
      reachable = now;
    }
    metrics.clusterReachable(now);
    if (now) {
      log.info(source, "cluster reachable again: the next passes verify against fresh lists");
    } else {
      log.warn(source, "cluster unreachable: " + message
          + "; retrying with backoff, /readyz answers 503 until it answers");
    }
    return now;
  }
}
