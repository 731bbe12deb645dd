package dev.roster.serve;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs {@code onLead} while this process holds the coordination Lease {@code roster-leader} and
 * {@code onLose} the moment it stops holding it (lost renewal, release, or shutdown). Without
 * leader election the process leads from the start.
 */
final class LeaderGate {
  static final String LEASE = "roster-leader";
  private final CompletableFuture<?> running;
  private final LeaderElector elector;

  private LeaderGate(LeaderElector elector, CompletableFuture<?> running) {
    this.elector = elector;
    this.running = running;
  }

  /** Leads at once, no election. */
  static LeaderGate always(Runnable onLead) {
    onLead.run();
    return new LeaderGate(null, null);
  }

  /** Campaigns for the Lease in {@code namespace} as {@code identity}. */
  static LeaderGate elect(KubernetesClient client, String namespace, String identity,
      Duration leaseDuration, Runnable onLead, Runnable onLose, Consumer<String> onNewLeader,
      Executor executor) {
    LeaderElector elector = new LeaderElector(client, new LeaderElectionConfigBuilder()
        .withName("roster")
        .withLock(new LeaseLock(namespace, LEASE, identity))
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(leaseDuration.multipliedBy(2).dividedBy(3))
        .withRetryPeriod(leaseDuration.dividedBy(5))
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(onLead, onLose, onNewLeader))
        .build(), executor);
    return new LeaderGate(elector, elector.start());
  }

  /** Stops campaigning and releases the Lease if held (onLose runs). */
  void close() {
    if (running != null) {
      running.cancel(true);
    }
  }

  boolean elected() {
    return elector != null;
  }
}
