package dev.roster.serve;

import dev.roster.apply.ApplyOptions;
import dev.roster.load.LoadOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything serve needs besides the cluster client.
 *
 * @param sources the sources to keep in sync
 * @param listen address of the webhook listener ({@code POST /hooks})
 * @param metricsListen address of the admin listener ({@code /metrics}, {@code /healthz},
 *     {@code /readyz}); its own port and worker pool
 * @param leaderElect campaign for the Lease before reconciling
 * @param identity this replica's name in the Lease
 * @param systemNamespace where inventories, statuses, events and the Lease live
 * @param apply apply options shared by every source (prune per source overrides)
 * @param load parsing limits
 * @param allowUnknownKinds accept kinds without a schema
 * @param leaseDuration how long a lease holds without renewal
 */
public record ServeSettings(
    List<SourceConfig> sources,
    InetSocketAddress listen,
    InetSocketAddress metricsListen,
    boolean leaderElect,
    String identity,
    String systemNamespace,
    ApplyOptions apply,
    LoadOptions load,
    boolean allowUnknownKinds,
    Duration leaseDuration) {

  /** Settings whose admin listener takes any free port on {@code listen}'s address. */
  public ServeSettings(List<SourceConfig> sources, InetSocketAddress listen, boolean leaderElect,
      String identity, String systemNamespace, ApplyOptions apply, LoadOptions load,
      boolean allowUnknownKinds, Duration leaseDuration) {
    this(sources, listen, new InetSocketAddress(listen.getAddress(), 0), leaderElect, identity,
        systemNamespace, apply, load, allowUnknownKinds, leaseDuration);
  }
}
