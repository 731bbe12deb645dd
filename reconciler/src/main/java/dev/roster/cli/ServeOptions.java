package dev.roster.cli;

import dev.roster.serve.notify.NotifySettings;
import dev.roster.serve.notify.NotifyTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Flags of serve mode itself. */
final class ServeOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Serve every source in FILE (see schema/serve/config.json).")
  Path config;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
      description = "HTTP listener for webhooks (POST /hooks/<source>)."
          + " Default: ${DEFAULT-VALUE}.")
  String listen;

  @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8081",
      description = "HTTP listener for GET /metrics, /healthz and /readyz, with its own threads"
          + " so a flooded webhook port cannot starve the probes. Default: ${DEFAULT-VALUE}.")
  String metricsListen;

  @Option(names = "--interval", paramLabel = "DURATION", converter = FlagConverters.IntervalConverter.class,
      description = "Poll interval (30s, 1m, 1h). Default: 1m for Git URLs, 5s for directories.")
  Duration interval;

  @Option(names = "--resync-interval", paramLabel = "DURATION", defaultValue = "10m",
      converter = FlagConverters.IntervalConverter.class,
      description = "How often each source's pass is a full verification against the cluster"
          + " (fresh lists, no cache), however quiet it is. Default: ${DEFAULT-VALUE}.")
  Duration resyncInterval;

  @Option(names = "--webhook-secret-file", paramLabel = "FILE",
      description = "Shared secret for webhook signatures (a file; never a flag value).")
  Path webhookSecretFile;

  @Option(names = "--notify-url", paramLabel = "URL",
      description = "POST every notification (reconcile failed or recovered, rollout held,"
          + " awaiting approval, forced, mass prune refused) to URL as JSON. One source only;"
          + " with --config, use notify: in the config.")
  URI notifyUrl;

  @Option(names = "--notify-secret-file", paramLabel = "FILE",
      description = "HMAC-SHA256 key for --notify-url: the body's signature is sent as"
          + " X-Roster-Signature: sha256=<hex> (a file; never a flag value).")
  Path notifySecretFile;

  @Option(names = "--leader-elect",
      description = "Campaign for the Lease roster-leader; only the leader reconciles.")
  boolean leaderElect;

  @Option(names = "--identity", paramLabel = "NAME",
      description = "This replica's name in the Lease. Default: $HOSTNAME or the host name.")
  String identity;

  @Option(names = "--drift", paramLabel = "MODE", defaultValue = "revert",
      description = "revert (default): undo hand edits; report: only record them in status.")
  String drift;

  @Option(names = "--no-prune", description = "Never prune objects gone from Git.")
  boolean noPrune;

  @Option(names = "--max-prune-ratio", paramLabel = "R", defaultValue = "0.25",
      description = "Largest share of managed objects one reconcile may prune."
          + " Default: ${DEFAULT-VALUE}.")
  double maxPruneRatio;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "Writes in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "1m",
      converter = FlagConverters.DurationConverter.class,
      description = "How long a reconcile waits while another apply of its source holds the"
          + " Lease roster-apply-<source>, before it fails (retried with backoff)."
          + " Default: ${DEFAULT-VALUE}.")
  Duration lockTimeout;

  @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "30s",
      converter = FlagConverters.DurationConverter.class,
      description = "How long SIGTERM waits for a reconcile in flight. Default: ${DEFAULT-VALUE}.")
  Duration shutdownGrace;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (<time> <level> <source> <message>) or json (one object per line:"
          + " time, level, source, revision, trigger, message). Default: ${DEFAULT-VALUE}.")
  LogFormat logFormat;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
      converter = FlagConverters.LevelConverter.class,
      description = "error, warn, info, debug or trace, for Roster's own lines; libraries log"
          + " warnings and errors (errors only with error). Default: ${DEFAULT-VALUE}.")
  ch.qos.logback.classic.Level logLevel;

  @Option(names = "--write-kubeconfig", paramLabel = "FILE",
      description = "With --embedded-cluster: write a kubeconfig for it (for kubectl).")
  Path writeKubeconfig;

  InetSocketAddress listen() throws IOException {
    return address(listen);
  }

  InetSocketAddress metricsListen() throws IOException {
    return address(metricsListen);
  }

  private static InetSocketAddress address(String hostPort) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    String host = colon <= 0 ? "0.0.0.0" : hostPort.substring(0, colon);
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  String identity() throws IOException {
    if (identity != null) {
      return identity;
    }
    String host = System.getenv("HOSTNAME");
    return host != null && !host.isBlank() ? host : InetAddress.getLocalHost().getHostName();
  }

  Duration grace() {
    return shutdownGrace;
  }

  /** A generic webhook target for every event from {@code --notify-url}, or none. */
  NotifySettings notifySettings() throws IOException {
    if (notifyUrl == null) {
      return NotifySettings.NONE;
    }
    byte[] secret = notifySecretFile == null ? null
        : Files.readString(notifySecretFile, StandardCharsets.UTF_8).strip()
            .getBytes(StandardCharsets.UTF_8);
    return NotifySettings.of(List.of(new NotifyTarget(NotifyTarget.Type.WEBHOOK, notifyUrl,
        secret, null, null)));
  }
}
