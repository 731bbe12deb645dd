package dev.roster.cli;

import dev.roster.kube.KubeClients;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusJson;
import dev.roster.status.StatusStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roster status}: what each source last did, as serve or apply stored it. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show each source's readiness, applied revision and last reconcile, read from"
        + " the ConfigMaps roster-status-<source> that roster serve and roster apply write."
        + " With --source-name"
        + " (or when there is only one source), also its conditions and last 10 reconciles."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "2:usage error, or --source-name names no known source",
        "6:cluster unreachable", "1:internal error"})
final class StatusCommand implements Callable<Integer> {
  /** Output formats of this command. */
  enum Format {
    text,
    json,
    yaml
  }

  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig to use. Default: $KUBECONFIG, ~/.kube/config, or in-cluster.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use.")
  String context;

  @Option(names = {"--inventory-namespace", "--namespace-of-status"}, paramLabel = "NS",
      defaultValue = "default",
      description = "Where the status (and inventory) ConfigMaps live. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--source-name", paramLabel = "NAME",
      description = "Show only this source, with its conditions and reconcile history.")
  String sourceName;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json or yaml. Default: ${DEFAULT-VALUE}.")
  Format output;

  private final Clock clock;

  StatusCommand() {
    this(Clock.systemUTC());
  }

  StatusCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SourceStatus> all;
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig, context)) {
      all = new StatusStore(client, namespace).list();
    } catch (RuntimeException e) {
      return Failures.report(e, err);
    }
    if (sourceName != null) {
      Optional<SourceStatus> one = all.stream()
          .filter(s -> s.source().equals(sourceName)).findFirst();
      if (one.isEmpty()) {
        err.println("roster: no status for source '" + sourceName + "' in namespace '"
            + namespace + "'" + (all.isEmpty() ? "" : "; known: "
            + all.stream().map(SourceStatus::source).collect(Collectors.joining(", "))));
        return ExitCode.USAGE;
      }
      if (output == Format.json) {
        out.println(StatusJson.write(one.get()));
      } else if (output == Format.yaml) {
        out.print(Yamls.fromJson(StatusJson.write(one.get())));
      } else {
        StatusText.render(List.of(one.get()), true, clock.instant(), out);
      }
      return ExitCode.OK;
    }
    if (output == Format.json) {
      out.println(StatusJson.write(all));
    } else if (output == Format.yaml) {
      out.print(Yamls.fromJson(StatusJson.write(all)));
    } else if (all.isEmpty()) {
      out.println("No source status in namespace '" + namespace
          + "' (no ConfigMap labelled " + StatusStore.LABEL + "=true).");
    } else {
      StatusText.render(all, all.size() == 1, clock.instant(), out);
    }
    return ExitCode.OK;
  }
}
