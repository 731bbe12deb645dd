package dev.roster.serve;

import dev.roster.kube.ClusterException;
import dev.roster.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks the API server for its version every interval while leading. Informers reconnect their
 * watches silently and may resume on a server that came back empty without a word, so they
 * cannot be relied on to notice an outage: the probe does. A failed probe marks the cluster
 * unreachable ({@link ClusterHealth}); the first probe that succeeds after one asks every source
 * for a full verification pass at once, so an API server back empty is converged within one
 * probe interval, well before the resync interval.
 */
final class ClusterProbe {
  private final KubernetesClient client;
  private final ClusterHealth health;
  private final List<Resync> resyncs;
  private final Duration interval;
  private ScheduledFuture<?> next;

  ClusterProbe(KubernetesClient client, ClusterHealth health, List<Resync> resyncs,
      Duration interval) {
    this.client = client;
    this.health = health;
    this.resyncs = resyncs;
    this.interval = interval;
  }

  synchronized void start(ScheduledExecutorService executor) {
    stop();
    long ms = Math.max(1, interval.toMillis());
    next = executor.scheduleWithFixedDelay(this::probe, ms, ms, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** The cluster stopped answering: a pass now records the outage in every source's status. */
  private void lost(String message) {
    boolean was = health.reachable();
    health.observed(false, "", message);
    if (was) {
      resyncs.forEach(r -> r.now("reconnect"));
    }
  }

  /** One probe. */
  void probe() {
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      ClusterException c = ClusterException.from(e);
      if (Conditions.CLUSTER_UNREACHABLE.equals(StatusReasons.of(c.reason()))) {
        lost(c.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      lost(e.toString());
      return;
    }
    if (health.observed(true, "", "")) {
      resyncs.forEach(r -> r.now("reconnect"));
    }
  }
}
