package dev.roster.serve;

import dev.roster.engine.Engine;
import dev.roster.kube.LiveCache;
import dev.roster.serve.metrics.Metrics;
import dev.roster.serve.notify.Notifier;
import dev.roster.serve.webhook.WebhookHandler;
import dev.roster.serve.webhook.WebhookTarget;
import dev.roster.source.GitSource;
import dev.roster.status.EventRecorder;
import dev.roster.status.StatusStore;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs serve mode: one worker, poller and webhook target per source, the HTTP listener, and the
 * leader gate that starts and stops the workers. {@link #close} is the graceful shutdown: stop
 * taking work, let the pass in flight finish its current objects, record status, release the
 * Lease.
 */
public final class Supervisor implements AutoCloseable {
  private final Map<String, Unit> units = new LinkedHashMap<>();
  private final ScheduledExecutorService executor;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean leading = new AtomicBoolean();
  private final ServeLog log;
  private final HttpEndpoints http;
  private final LeaderGate gate;
  private final List<LiveCache> liveCaches = new ArrayList<>();
  private final ClusterHealth health;
  private final ClusterProbe probe;
  private final WebhookRelay relay;
  private final Notifier notifier;

  private record Unit(SourceConfig config, GitSource source, SourceWorker worker, Poller poller,
      WebhookTarget target, Resync resync) {}

  public Supervisor(KubernetesClient client, SchemaCatalog catalog, ServeSettings s,
      Metrics metrics, ServeLog log) {
    this.log = log;
    this.executor = Executors.newScheduledThreadPool(Math.max(2, s.sources().size() + 1), r -> {
      Thread t = new Thread(r, "roster-sync");
      t.setDaemon(true);
      return t;
    });
    this.health = new ClusterHealth(metrics, log);
    StatusStore store = new StatusStore(client, s.systemNamespace());
    EventRecorder events = new EventRecorder(client, s.systemNamespace());
    this.relay = s.leaderElect()
        ? new WebhookRelay(client, s.systemNamespace(), Clock.systemUTC()) : null;
    this.notifier = new Notifier(s.notifications(), log::warn, metrics::notification);
    for (SourceConfig c : s.sources()) {
      units.put(c.name(), unit(client, catalog, s, c, store, events, metrics));
    }
    this.probe = new ClusterProbe(client, health,
        units.values().stream().map(Unit::resync).toList(), s.probeInterval());
    this.http = new HttpEndpoints(s.listen(), s.metricsListen(),
        new WebhookHandler(units.values().stream().map(Unit::target).toList(),
            d -> {
              metrics.webhook(d.provider().label(), d.result().label());
              log.pass(false, d.source(), null, "webhook:" + d.provider().label()
                  + (d.deliveryId() == null ? "" : "/" + d.deliveryId()),
                  "webhook " + d.provider().label() + " delivery "
                  + (d.deliveryId() == null ? "(no id)" : d.deliveryId()) + " "
                  + d.result().label() + (d.reason().isEmpty() ? "" : ": " + d.reason()));
            }),
        out -> scrape(metrics, out), metrics.contentType(), this::ready);
    this.gate = s.leaderElect()
        ? LeaderGate.elect(client, s.systemNamespace(), s.identity(), s.leaseDuration(),
            this::lead, this::standBy, who -> log.info("", "leader is " + who), executor)
        : LeaderGate.always(this::lead);
  }

  private Unit unit(KubernetesClient client, SchemaCatalog catalog, ServeSettings s,
      SourceConfig c, StatusStore store, EventRecorder events, Metrics metrics) {
    GitSource source = new GitSource(c.credentials());
    LiveCache live = new LiveCache(client, c.name());
    liveCaches.add(live);
    Engine engine = Engine.cached(catalog, client, new Engine.Settings(c.name(), c.namespace(),
        s.systemNamespace(), s.load(), s.allowUnknownKinds(), c.rolloutPolicy(),
        c.ignoreFields()), live, null);
    SourceSync sync = new SourceSync(c, source, engine, s.apply().withPrune(c.prune()),
        List.of(new StatusListener(c, store, events, metrics, log), health,
            new NotifyListener(notifier)),
        () -> stopping.get() || !leading.get());
    SourceWorker worker = new SourceWorker(c.name(), executor, sync::run, s.retry().min(),
        s.retry().max());
    Resync resync = new Resync(c.name(), engine, worker,
        c.resyncInterval() != null ? c.resyncInterval() : s.resyncInterval(), metrics);
    // Before any pass starts an informer.
    engine.watchDrift(() -> worker.request("drift"));
    engine.watchResets(why -> resync.now("informer"));
    source.mirror().onRequest(metrics::gitRequest);
    Poller poller = new Poller(c, source.mirror(), worker);
    return new Unit(c, source, worker, poller, new SourceTarget(c, worker, relay), resync);
  }

  /** The address the webhook listener is bound to. */
  public InetSocketAddress address() {
    return http.address();
  }

  /** The address the admin listener (metrics, probes) is bound to. */
  public InetSocketAddress metricsAddress() {
    return http.adminAddress();
  }

  /** Whether this replica currently leads (always true without election). */
  public boolean leading() {
    return leading.get();
  }

  /** Names of the sources served. */
  public List<String> sources() {
    return new ArrayList<>(units.keySet());
  }

  /** The worker of a source, for tests and the status of a running pass. */
  SourceWorker worker(String source) {
    return units.get(source).worker();
  }

  /** The poller of a source, for tests (its tick is a poll now). */
  Poller poller(String source) {
    return units.get(source).poller();
  }

  /** Polls {@code source} once now, as its poller does every interval (for benchmarks). */
  public void pollNow(String source) {
    units.get(source).poller().poll();
  }

  private void lead() {
    if (stopping.get()) {
      return;
    }
    leading.set(true);
    log.info("", "leading: reconciling " + units.size() + " source(s)");
    probe.start(executor);
    for (Unit u : units.values()) {
      u.worker().start();
      u.poller().start(executor);
      u.resync().start(executor);
    }
    if (relay != null) {
      relay.watch(this::relayed);
    }
  }

  /** A webhook a standby accepted for {@code source}: requested here as if it came here. */
  private void relayed(String source, String trigger) {
    Unit u = units.get(source);
    if (u == null) {
      log.warn(source, "a standby relayed a webhook for a source this replica does not serve");
      return;
    }
    log.pass(false, source, null, trigger, "relayed by a standby: " + trigger + " "
        + u.worker().request(trigger).name().toLowerCase(Locale.ROOT));
  }

  private void standBy() {
    leading.set(false);
    if (relay != null) {
      relay.stop();
    }
    for (Unit u : units.values()) {
      u.resync().stop();
      u.poller().stop();
      u.worker().stop();
    }
    probe.stop();
    log.info("", "not leading: reconciles stopped");
  }

  /**
   * Ready: not shutting down, leading or electing normally, and the API server answered the last
   * pass that reached for it (a replica that cannot reach its cluster cannot keep any promise).
   */
  private boolean ready() {
    return !stopping.get() && (leading.get() || gate == null || gate.elected())
        && health.reachable();
  }

  private static void scrape(Metrics metrics, java.io.OutputStream out) {
    try {
      metrics.scrape(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Graceful shutdown; waits up to {@code grace} for passes in flight. */
  public void close(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    for (Unit u : units.values()) {
      u.resync().stop();
      u.poller().stop();
      u.worker().stop();
    }
    probe.stop();
    if (relay != null) {
      relay.stop();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (Unit u : units.values()) {
      try {
        if (!u.worker().awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
          log.warn(u.config().name(), "pass still running after the grace period");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    gate.close();
    http.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    notifier.close();
    units.values().forEach(u -> u.source().close());
    liveCaches.forEach(LiveCache::close);
    log.info("", "stopped");
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
