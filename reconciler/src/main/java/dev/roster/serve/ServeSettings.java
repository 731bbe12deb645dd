package dev.roster.serve;

import dev.roster.apply.ApplyOptions;
import dev.roster.load.LoadOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything serve needs besides the cluster client; built with {@link #builder}.
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
  /** Default of {@link #leaseDuration}. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
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

  /**
   * A builder for serving {@code sources}, with these defaults: webhook listener on the loopback
   * address with any free port, admin listener on any free port of the webhook listener's
   * address, no leader election, identity {@code roster}, system namespace {@code default},
   * {@link ApplyOptions#defaults()}, {@link LoadOptions#defaults()}, unknown kinds refused, a
   * {@link #DEFAULT_LEASE} lease, {@link #DEFAULT_RESYNC}, {@link Retry#DEFAULT}, {@link
   * #DEFAULT_PROBE} and no notifications.
   */
  public static Builder builder(List<SourceConfig> sources) {
    return new Builder(sources);
  }

  /** A builder holding these settings' values. */
  public Builder toBuilder() {
    return new Builder(sources).listen(listen).metricsListen(metricsListen)
        .leaderElect(leaderElect).identity(identity).systemNamespace(systemNamespace).apply(apply)
        .load(load).allowUnknownKinds(allowUnknownKinds).leaseDuration(leaseDuration)
        .resyncInterval(resyncInterval).retry(retry).probeInterval(probeInterval)
        .notifications(notifications);
  }

  /**
   * Builds {@link ServeSettings} field by named field; see {@link #builder}. A null duration,
   * retry or notifications means its default.
   */
  public static final class Builder {
    private final List<SourceConfig> sources;
    private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private InetSocketAddress metricsListen;
    private boolean leaderElect;
    private String identity = "roster";
    private String systemNamespace = "default";
    private ApplyOptions apply = ApplyOptions.defaults();
    private LoadOptions load = LoadOptions.defaults();
    private boolean allowUnknownKinds;
    private Duration leaseDuration = DEFAULT_LEASE;
    private Duration resyncInterval;
    private Retry retry;
    private Duration probeInterval;
    private dev.roster.serve.notify.NotifySettings notifications;

    private Builder(List<SourceConfig> sources) {
      this.sources = sources;
    }

    public Builder listen(InetSocketAddress value) {
      listen = value;
      return this;
    }

    /** The admin listener's address; null (the default): any free port on listen's address. */
    public Builder metricsListen(InetSocketAddress value) {
      metricsListen = value;
      return this;
    }

    public Builder leaderElect(boolean value) {
      leaderElect = value;
      return this;
    }

    public Builder identity(String value) {
      identity = value;
      return this;
    }

    public Builder systemNamespace(String value) {
      systemNamespace = value;
      return this;
    }

    public Builder apply(ApplyOptions value) {
      apply = value;
      return this;
    }

    public Builder load(LoadOptions value) {
      load = value;
      return this;
    }

    public Builder allowUnknownKinds(boolean value) {
      allowUnknownKinds = value;
      return this;
    }

    public Builder leaseDuration(Duration value) {
      leaseDuration = value;
      return this;
    }

    public Builder resyncInterval(Duration value) {
      resyncInterval = value;
      return this;
    }

    public Builder retry(Retry value) {
      retry = value;
      return this;
    }

    public Builder probeInterval(Duration value) {
      probeInterval = value;
      return this;
    }

    public Builder notifications(dev.roster.serve.notify.NotifySettings value) {
      notifications = value;
      return this;
    }

    public ServeSettings build() {
      InetSocketAddress admin = metricsListen != null ? metricsListen
          : new InetSocketAddress(listen.getAddress(), 0);
      return new ServeSettings(sources, listen, admin, leaderElect, identity, systemNamespace,
          apply, load, allowUnknownKinds, leaseDuration, resyncInterval, retry, probeInterval,
          notifications);
    }
  }
}
