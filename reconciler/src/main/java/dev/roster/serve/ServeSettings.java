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
 * @param resyncInterval how often each source gets a full verification pass (fresh lists, no
 *     memo) however quiet the informers are; default {@link #DEFAULT_RESYNC}
 * @param retry the backoff of retries after a failure a retry can fix
 * @param probeInterval how often the API server is asked whether it answers (its version);
 *     default {@link #DEFAULT_PROBE}
 * @param notifications where notifications go ({@code notify:} of the config, {@code --notify-url});
 *     default none
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
    Duration leaseDuration,
    Duration resyncInterval,
    Retry retry,
    Duration probeInterval,
    dev.roster.serve.notify.NotifySettings notifications) {
  /** Default of {@code --resync-interval} and {@code resyncInterval}. */
  public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);
  /** Default interval of the reachability probe. */
  public static final Duration DEFAULT_PROBE = Duration.ofSeconds(10);

  /**
   * Backoff of retries: the first waits {@code min}, each next one twice as long up to {@code
   * max}, each less up to 20% jitter.
   */
  public record Retry(Duration min, Duration max) {
    /** 2 s doubling up to 5 min. */
    public static final Retry DEFAULT = new Retry(Duration.ofSeconds(2), Duration.ofMinutes(5));
  }

  public ServeSettings {
    resyncInterval = resyncInterval == null ? DEFAULT_RESYNC : resyncInterval;
    retry = retry == null ? Retry.DEFAULT : retry;
    probeInterval = probeInterval == null ? DEFAULT_PROBE : probeInterval;
    notifications = notifications == null ? dev.roster.serve.notify.NotifySettings.NONE
        : notifications;
  }

  /** With the default resync interval, retry backoff and probe interval. */
  public ServeSettings(List<SourceConfig> sources, InetSocketAddress listen,
      InetSocketAddress metricsListen, boolean leaderElect, String identity,
      String systemNamespace, ApplyOptions apply, LoadOptions load, boolean allowUnknownKinds,
      Duration leaseDuration) {
    this(sources, listen, metricsListen, leaderElect, identity, systemNamespace, apply, load,
        allowUnknownKinds, leaseDuration, DEFAULT_RESYNC, Retry.DEFAULT, DEFAULT_PROBE, null);
  }

  /** Settings whose admin listener takes any free port on {@code listen}'s address. */
  public ServeSettings(List<SourceConfig> sources, InetSocketAddress listen, boolean leaderElect,
      String identity, String systemNamespace, ApplyOptions apply, LoadOptions load,
      boolean allowUnknownKinds, Duration leaseDuration) {
    this(sources, listen, new InetSocketAddress(listen.getAddress(), 0), leaderElect, identity,
        systemNamespace, apply, load, allowUnknownKinds, leaseDuration);
  }

  /** These settings with another resync interval, retry backoff and probe interval. */
  public ServeSettings with(Duration resync, Retry backoff, Duration probe) {
    return new ServeSettings(sources, listen, metricsListen, leaderElect, identity,
        systemNamespace, apply, load, allowUnknownKinds, leaseDuration, resync, backoff, probe,
        notifications);
  }

  /** These settings with {@code value} as where notifications go. */
  public ServeSettings withNotify(dev.roster.serve.notify.NotifySettings value) {
    return new ServeSettings(sources, listen, metricsListen, leaderElect, identity,
        systemNamespace, apply, load, allowUnknownKinds, leaseDuration, resyncInterval, retry,
        probeInterval, value);
  }
}
