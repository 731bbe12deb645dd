package dev.roster.cli;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.validate.SchemaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roster dev-cluster}: an in-memory API server with Roster's CRDs, until stopped. */
@Command(
    name = "dev-cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Run an in-memory Kubernetes API server on 127.0.0.1 (plain HTTP, no auth) with a CRD for"
          + " every kind Roster knows, until Ctrl-C or SIGTERM. Objects are lost on exit.",
      "Good enough for kubectl get/create/edit/apply/patch/delete/explain: it publishes"
          + " OpenAPI from Roster's schemas, so kubectl validates what you send. Not a real API"
          + " server: no server-side validation, controllers or RBAC; server-side apply replaces"
          + " whole objects."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "2:usage error (e.g. the port is taken)", "1:internal error"})
final class DevClusterCommand implements Callable<Integer> {
  /** Blocks while the cluster serves; returning stops it. */
  interface Until {
    void await(EmbeddedCluster cluster) throws InterruptedException;
  }

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
      description = "Port on 127.0.0.1. Default: a free one.")
  int port;

  @Option(names = "--write-kubeconfig", defaultValue = "roster-dev.kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig to write for the cluster. Default: ./${DEFAULT-VALUE}.")
  Path kubeconfig;

  @Option(names = "--schema-dir", paramLabel = "DIR",
      description = "Extra schemas and profiles whose kinds also get CRDs; repeatable.")
  List<Path> schemaDirs = new ArrayList<>();

  private final Until until;

  DevClusterCommand() {
    this(null);
  }

  /** For tests: {@code until} replaces waiting for a signal. */
  DevClusterCommand(Until until) {
    this.until = until;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (port < 0 || port > 65535) {
      spec.commandLine().getErr().println("roster: --port must be between 0 and 65535");
      return ExitCode.USAGE;
    }
    SchemaCatalog catalog = SchemaCatalog.load(schemaDirs);
    EmbeddedCluster cluster;
    try {
      cluster = EmbeddedCluster.start(port, catalog);
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("roster: " + e.getCause().getMessage());
      return ExitCode.USAGE;
    }
    try {
      try (cluster) {
        Path file = cluster.writeKubeconfig(kubeconfig);
        out.printf("roster dev-cluster ready at %s (kubeconfig: %s)%n", cluster.url(), file);
        out.printf("Use it: export KUBECONFIG=%s; kubectl get agents.kubeopencode.io -A%n",
            file.toAbsolutePath());
        out.flush();
        if (until != null) {
          until.await(cluster);
        } else {
          Shutdown.awaitSignal(java.time.Duration.ofSeconds(10));
        }
      }
      out.println("roster dev-cluster stopped");
      out.flush();
    } finally {
      Shutdown.done();
    }
    return ExitCode.OK;
  }
}
