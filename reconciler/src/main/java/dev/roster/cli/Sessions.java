package dev.roster.cli;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.engine.Engine;
import dev.roster.kube.KubeClients;
import dev.roster.source.GitCredentials;
import dev.roster.source.GitSource;
import dev.roster.source.SourceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What plan and apply share: the source, the cluster connection, the engine. Closing it closes
 * the client and, with --embedded-cluster, stops the in-process API server.
 */
final class Sessions implements AutoCloseable {
  final GitSource source;
  final SourceSpec spec;
  private EmbeddedCluster embedded;
  private KubernetesClient client;

  Sessions(SourceOptions s) {
    this.source = new GitSource(GitCredentials.fromEnvironment());
    this.spec = new SourceSpec(s.repo, s.ref, s.path, s.cacheDir());
  }

  /** Connects to the cluster the flags name (starting the embedded one if asked). */
  KubernetesClient client(ClusterOptions c) {
    if (client == null) {
      if (c.embedded) {
        embedded = EmbeddedCluster.start();
        client = embedded.client();
      } else {
        client = KubeClients.fromKubeconfig(c.kubeconfig, c.context);
      }
    }
    return client;
  }

  static Engine.Settings settings(SourceOptions s, ClusterOptions c, RepoOptions r) {
    return new Engine.Settings(s.sourceName(), c.namespace, c.inventoryNamespace,
        r.loadOptions(), r.allowUnknownKinds);
  }

  static Engine.Settings settings(SourceOptions s, ClusterOptions c, RepoOptions r,
      RolloutOptions o) {
    return new Engine.Settings(s.sourceName(), c.namespace, c.inventoryNamespace,
        r.loadOptions(), r.allowUnknownKinds, o.mode(), o.ignored());
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    } else if (client != null) {
      client.close();
    }
    source.close();
  }
}
