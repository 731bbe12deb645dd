package dev.roster.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Flags that choose the cluster; shared by plan, apply, serve and status. */
final class ClusterOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig to use. Default: $KUBECONFIG, ~/.kube/config, or in-cluster.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
      description = "Namespace for namespaced objects that name none. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--inventory-namespace", paramLabel = "NS", defaultValue = "default",
      description = "Where the inventory ConfigMap roster-inventory-<source> lives."
          + " Default: ${DEFAULT-VALUE}.")
  String inventoryNamespace;

  @Option(names = "--embedded-cluster",
      description = "Start the embedded API server (fabric8 mock, CRUD mode) in-process and use"
          + " it instead of a real cluster.")
  boolean embedded;
}
