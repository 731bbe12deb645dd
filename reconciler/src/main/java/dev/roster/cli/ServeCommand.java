package dev.roster.cli;

import dev.roster.apply.ApplyOptions;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.ClusterException;
import dev.roster.load.Durations;
import dev.roster.kube.KubeClients;
import dev.roster.serve.ServeConfigException;
import dev.roster.serve.ServeConfigReader;
import dev.roster.serve.ServeLog;
import dev.roster.serve.ServeSettings;
import dev.roster.serve.SourceConfig;
import dev.roster.serve.Supervisor;
import dev.roster.serve.metrics.Metrics;
import dev.roster.serve.notify.NotifySettings;
import dev.roster.serve.notify.NotifyTarget;
import dev.roster.source.GitCredentials;
import dev.roster.source.SourceSpec;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code roster serve}: keep sources in sync by polling and webhooks until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Keep the cluster in sync with one source (the --repo flags) or several"
        + " (--config FILE): poll, accept push webhooks on POST /hooks/<source> (--listen), serve"
        + " /metrics, /healthz and /readyz on a port of their own (--metrics-listen), record status"
        + " (roster status). Runs until SIGTERM."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "2:usage error", "3:invalid --config file",
        "6:cluster unreachable at start", "1:internal error"},
    modelTransformer = ServeCommand.RepoOrConfig.class)
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServeOptions serve;
  @Mixin SourceOptions source;
  @Mixin ClusterOptions cluster;
  @Mixin RepoOptions repo;
  @Mixin RolloutOptions rollout;

  private final Waiter waiter;

  /** Blocks while serving; returning starts the graceful shutdown. */
  interface Waiter {
    void await(Supervisor supervisor) throws InterruptedException;
  }

  ServeCommand() {
    this(null);
  }

  ServeCommand(Waiter waiter) {
    this.waiter = waiter;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (source.repo == null && serve.config == null) {
      err.println("roster: serve needs --repo (one source) or --config FILE (several)");
      return ExitCode.USAGE;
    }
    if (serve.config != null && serve.notifyUrl != null) {
      err.println("roster: --notify-url is for one source (--repo); with --config, list targets"
          + " under notify: in the config");
      return ExitCode.USAGE;
    }
    if (serve.notifyUrl != null && !List.of("http", "https").contains(serve.notifyUrl.getScheme())) {
      err.println("roster: --notify-url must be an http or https URL");
      return ExitCode.USAGE;
    }
    rollout.warn(err);
    try (AutoCloseable logging = Logging.install(err, serve.logFormat, serve.logLevel)) {
      return serve(out, err);
    }
  }

  private int serve(PrintWriter out, PrintWriter err) throws Exception {
    SchemaCatalog catalog = SchemaCatalog.load(repo.schemaDirs);
    EmbeddedCluster embedded = cluster.embedded ? EmbeddedCluster.start() : null;
    try (KubernetesClient client = embedded != null ? embedded.client()
        : KubeClients.fromKubeconfig(cluster.kubeconfig, cluster.context)) {
      if (embedded != null && serve.writeKubeconfig != null) {
        embedded.writeKubeconfig(serve.writeKubeconfig);
      }
      List<SourceConfig> sources;
      NotifySettings notify;
      try {
        notify = serve.config != null ? ServeConfigReader.notify(serve.config, catalog)
            : serve.notifySettings();
        sources = serve.config != null
            ? ServeConfigReader.read(serve.config, catalog, client, cluster.inventoryNamespace,
                source.cacheDir(), w -> err.println("roster: warning: " + w))
            : List.of(single());
        sources = sources.stream().map(c -> c.withDefaultRolloutPolicy(rollout.mode())
            .withMoreIgnoreFields(rollout.ignored())).toList();
        client.getKubernetesVersion(); // serve only when the cluster answers
      } catch (ServeConfigException e) {
        return Failures.report(e, err);
      } catch (KubernetesClientException e) {
        return Failures.report(ClusterException.from(e), err);
      }
      ServeSettings settings = ServeSettings.builder(sources).listen(serve.listen())
          .metricsListen(serve.metricsListen()).leaderElect(serve.leaderElect)
          .identity(serve.identity()).systemNamespace(cluster.inventoryNamespace)
          .apply(ApplyOptions.defaults().withMaxPruneRatio(serve.maxPruneRatio)
              .withConcurrency(serve.concurrency).withLockTimeout(serve.lockTimeout))
          .load(repo.loadOptions()).allowUnknownKinds(repo.allowUnknownKinds)
          .resyncInterval(serve.resyncInterval).notifications(notify).build();
      Metrics metrics = new Metrics();
      BuildInfo build = BuildInfo.current();
      metrics.buildInfo(build.version(), build.commit());
      Supervisor supervisor = new Supervisor(client, catalog, settings, metrics,
          ServeLog.standard());
      try {
        ServeBanner.print(out, supervisor, sources, embedded, serve, cluster,
            notify.targets());
        if (waiter != null) {
          waiter.await(supervisor);
        } else {
          Shutdown.awaitSignal(serve.grace().plusSeconds(5));
        }
      } finally {
        supervisor.close(serve.grace());
        Shutdown.done();
      }
      return ExitCode.OK;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private SourceConfig single() throws IOException {
    byte[] secret = serve.webhookSecretFile == null ? null
        : Files.readString(serve.webhookSecretFile, StandardCharsets.UTF_8).strip()
            .getBytes(StandardCharsets.UTF_8);
    SourceSpec spec = new SourceSpec(source.repo, source.ref, source.path, source.cacheDir());
    Duration interval = serve.interval != null ? serve.interval
        : spec.isRemote() ? Duration.ofMinutes(1) : Duration.ofSeconds(5);
    return SourceConfig.builder(source.sourceName(), spec)
        .credentials(GitCredentials.fromEnvironment())
        .interval(interval)
        .namespace(cluster.namespace)
        .prune(!serve.noPrune)
        .driftReportOnly("report".equals(serve.drift))
        .webhookSecret(secret)
        .build();
  }

  /**
   * Makes {@code --repo} optional here: plan and apply require it (the shared {@link
   * SourceOptions}), but serve takes {@code --config} instead, and {@link #call} asks for one.
   */
  static final class RepoOrConfig implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      OptionSpec repo = spec.findOption("--repo");
      spec.remove(repo);
      spec.addOption(repo.toBuilder().required(false).build());
      return spec;
    }
  }

  /** Flags of serve mode itself. */
  static final class ServeOptions {
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

    @Option(names = "--interval", paramLabel = "DURATION", converter = IntervalConverter.class,
        description = "Poll interval (30s, 1m, 1h). Default: 1m for Git URLs, 5s for directories.")
    Duration interval;

    @Option(names = "--resync-interval", paramLabel = "DURATION", defaultValue = "10m",
        converter = IntervalConverter.class,
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
        converter = DurationConverter.class,
        description = "How long a reconcile waits while another apply of its source holds the"
            + " Lease roster-apply-<source>, before it fails (retried with backoff)."
            + " Default: ${DEFAULT-VALUE}.")
    Duration lockTimeout;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "30s",
        converter = DurationConverter.class,
        description = "How long SIGTERM waits for a reconcile in flight. Default: ${DEFAULT-VALUE}.")
    Duration shutdownGrace;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (<time> <level> <source> <message>) or json (one object per line:"
            + " time, level, source, revision, trigger, message). Default: ${DEFAULT-VALUE}.")
    LogFormat logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
        converter = LevelConverter.class,
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

  /** A log level by name; anything else is a usage error. */
  static final class LevelConverter
      implements CommandLine.ITypeConverter<ch.qos.logback.classic.Level> {
    @Override
    public ch.qos.logback.classic.Level convert(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "error" -> ch.qos.logback.classic.Level.ERROR;
        case "warn" -> ch.qos.logback.classic.Level.WARN;
        case "info" -> ch.qos.logback.classic.Level.INFO;
        case "debug" -> ch.qos.logback.classic.Level.DEBUG;
        case "trace" -> ch.qos.logback.classic.Level.TRACE;
        default -> throw new CommandLine.TypeConversionException("invalid log level '" + value
            + "': error, warn, info, debug or trace");
      };
    }
  }

  /** A duration flag: a bad one is a usage error before anything starts. */
  static class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** A poll interval: a duration of more than 0. */
  static final class IntervalConverter extends DurationConverter {
    @Override
    public Duration convert(String value) {
      Duration d = super.convert(value);
      if (d.isZero()) {
        throw new CommandLine.TypeConversionException("the interval must be more than 0");
      }
      return d;
    }
  }
}
