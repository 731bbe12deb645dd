package dev.roster.serve.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * The metrics of {@code roster serve}, in their own registry (never the global default one):
 *
 * <ul>
 *   <li>{@code roster_reconcile_duration_seconds} histogram {source, result}
 *   <li>{@code roster_reconciles_total} counter {source, trigger, result}; trigger is the kind
 *       ({@code poll}, {@code webhook}, {@code drift}, {@code start}, {@code manual})
 *   <li>{@code roster_git_requests_total} counter {type, result}; type {@code ls-remote} or
 *       {@code fetch}, result {@code ok} or {@code error}
 *   <li>{@code roster_webhook_deliveries_total} counter {provider, result}
 *   <li>{@code roster_managed_objects} gauge {source, state}; state {@code managed}, {@code
 *       failed}, {@code orphaned}
 *   <li>{@code roster_source_ready} gauge {source}: 1 ready, 0 not
 *   <li>{@code roster_held_rollouts} gauge {source}: changes held back by the last pass
 *   <li>{@code roster_rollouts_total} counter {source, result}; result {@code held} (a hold
 *       started), {@code released} or {@code forced}
 *   <li>{@code roster_cluster_reachable} gauge: 1 while the API server answered the last pass
 *       that reached for it, 0 while it did not
 *   <li>{@code roster_resyncs_total} counter {source, cause}: full verification passes asked for;
 *       cause {@code interval}, {@code informer} (a watch error or relist) or {@code reconnect}
 *       (the API server answers again after an outage)
 *   <li>{@code roster_last_success_timestamp_seconds} gauge {source}: when the source's last pass
 *       that did not fail ended (succeeded, nothing to do, or drift reported), Unix seconds
 *   <li>{@code roster_build_info} gauge {version, commit}: 1, for the build serving
 *   <li>the JVM's metrics ({@code jvm_*}, {@code process_*})
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Metrics {
  /** Upper bounds of the reconcile duration buckets, seconds. */
  static final double[] DURATION_BUCKETS =
      {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Histogram duration;
  private final Counter reconciles;
  private final Counter gitRequests;
  private final Counter webhooks;
  private final Gauge managed;
  private final Gauge ready;
  private final Gauge held;
  private final Counter rollouts;
  private final Gauge reachable;
  private final Counter resyncs;
  private final Counter notifications;
  private final Gauge lastSuccess;
  private final Gauge buildInfo;

  /** A registry with every family registered and the JVM metrics. */
  public Metrics() {
    duration = Histogram.builder().name("roster_reconcile_duration_seconds")
        .help("Duration of reconciles.").labelNames("source", "result")
        .classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
    reconciles = Counter.builder().name("roster_reconciles_total")
        .help("Finished reconciles.").labelNames("source", "trigger", "result")
        .register(registry);
    gitRequests = Counter.builder().name("roster_git_requests_total")
        .help("Requests to Git remotes.").labelNames("type", "result").register(registry);
    webhooks = Counter.builder().name("roster_webhook_deliveries_total")
        .help("Webhook deliveries received.").labelNames("provider", "result")
        .register(registry);
    managed = Gauge.builder().name("roster_managed_objects")
        .help("Objects of a source by state after its last apply.")
        .labelNames("source", "state").register(registry);
    ready = Gauge.builder().name("roster_source_ready")
        .help("1 when the source's last revision is applied, else 0.").labelNames("source")
        .register(registry);
    held = Gauge.builder().name("roster_held_rollouts")
        .help("Rollouts of a source held back.").labelNames("source").register(registry);
    rollouts = Counter.builder().name("roster_rollouts_total")
        .help("Rollout holds started (held), released, and forced after their timeout.")
        .labelNames("source", "result").register(registry);
    reachable = Gauge.builder().name("roster_cluster_reachable")
        .help("1 while the API server answers, 0 while it does not.").register(registry);
    resyncs = Counter.builder().name("roster_resyncs_total")
        .help("Full verification passes asked for, by cause (interval, informer, reconnect).")
        .labelNames("source", "cause").register(registry);
    notifications = Counter.builder().name("roster_notifications_total")
        .help("Notification requests by target type and result (delivered, failed: not"
            + " delivered after its tries or refused, dropped: queue full or shutdown).")
        .labelNames("type", "result").register(registry);
    lastSuccess = Gauge.builder().name("roster_last_success_timestamp_seconds")
        .help("When the source's last pass that did not fail ended, Unix seconds.")
        .labelNames("source").register(registry);
    buildInfo = Gauge.builder().name("roster_build_info")
        .help("The build serving: always 1.").labelNames("version", "commit").register(registry);
    JvmMetrics.builder().register(registry);
  }

  /**
   * Counts a finished reconcile and observes its duration.
   *
   * @param trigger the record's trigger; only its kind becomes a label ({@code webhook:github/1}
   *     counts as {@code webhook})
   * @param result {@code succeeded}, {@code failed}, {@code no-op} or {@code refused}
   */
  public void reconciled(String source, String trigger, String result, Duration d) {
    int colon = trigger.indexOf(':');
    String kind = colon < 0 ? trigger : trigger.substring(0, colon);
    duration.labelValues(source, result).observe(d.toNanos() / 1e9);
    reconciles.labelValues(source, kind, result).inc();
    held.labelValues(source);
  }

  /** Records that a pass of {@code source} ended at {@code at} without failing. */
  public void succeeded(String source, java.time.Instant at) {
    lastSuccess.labelValues(source).set(at.toEpochMilli() / 1000.0);
  }

  /** Sets {@code roster_build_info{version, commit}} to 1 (once per process). */
  public void buildInfo(String version, String commit) {
    buildInfo.labelValues(version, commit).set(1);
  }

  /** Counts a Git request; {@code type} is {@code ls-remote} or {@code fetch}. */
  public void gitRequest(String type, boolean ok) {
    gitRequests.labelValues(type, ok ? "ok" : "error").inc();
  }

  /** Counts a webhook delivery and what came of it (e.g. {@code accepted}, {@code rejected}). */
  public void webhook(String provider, String result) {
    webhooks.labelValues(provider, result).inc();
  }

  /** Counts one notification request to a target of {@code type} with {@code result}. */
  public void notification(String type, String result) {
    notifications.labelValues(type, result).inc();
  }

  /** Sets the object counts of {@code source} by state ({@code managed}, ...). */
  public void managed(String source, Map<String, Long> byState) {
    byState.forEach((state, n) -> managed.labelValues(source, state).set(n));
  }

  /** Sets whether {@code source} is ready. */
  public void ready(String source, boolean isReady) {
    ready.labelValues(source).set(isReady ? 1 : 0);
    held.labelValues(source);
  }

  /** Sets how many rollouts of {@code source} are held back. */
  public void heldRollouts(String source, long n) {
    held.labelValues(source).set(n);
  }

  /** Counts {@code n} rollouts of {@code source} that were held, released or forced. */
  public void rollouts(String source, String result, long n) {
    rollouts.labelValues(source, result).inc(n);
  }

  /** Sets whether the API server answers. */
  public void clusterReachable(boolean answers) {
    reachable.set(answers ? 1 : 0);
  }

  /** Counts a full verification pass asked for {@code source}; cause interval or informer. */
  public void resync(String source, String cause) {
    resyncs.labelValues(source, cause).inc();
  }

  /** Drops every series of {@code source}, e.g. when it is removed from the configuration. */
  public void forget(String source) {
    for (String state : new String[] {"managed", "failed", "orphaned"}) {
      managed.remove(source, state);
    }
    ready.remove(source);
    held.remove(source);
    lastSuccess.remove(source);
    for (String result : new String[] {"held", "released", "forced"}) {
      rollouts.remove(source, result);
    }
  }

  /** The registry, for collectors added by other parts of serve. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Writes every metric in the Prometheus text format, version 0.0.4. */
  public void scrape(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** The content type of {@link #scrape}'s output. */
  public String contentType() {
    return writer.getContentType();
  }
}
