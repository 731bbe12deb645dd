package dev.roster.cli;

import dev.roster.apply.ApplyOptions;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.ClusterException;
import dev.roster.kube.KubeClients;
import dev.roster.serve.ServeConfigException;
import dev.roster.serve.ServeConfigReader;
import dev.roster.serve.ServeLog;
import dev.roster.serve.ServeSettings;
import dev.roster.serve.SourceConfig;
import dev.roster.serve.Supervisor;
import dev.roster.serve.metrics.Metrics;
import dev.roster.serve.notify.NotifySettings;
import dev.roster.source.GitCredentials;
import dev.roster.source.SourceSpec;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
}
