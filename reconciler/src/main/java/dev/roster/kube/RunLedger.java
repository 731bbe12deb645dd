package dev.roster.kube;

import dev.roster.load.ResourceKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one-shot runs a source created (Tasks, AgentTeamRuns), in a ConfigMap {@code
 * roster-runs-<source>} next to the inventory: one line {@code group|Kind|namespace|name|entry}
 * per run, so a run the platform cleaned up is not re-created, even after Roster restarts.
 */
public final class RunLedger {
  private static final String KEY = "runs";
  private final KubernetesClient client;
  private final String namespace;

  public RunLedger(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static String name(String source) {
    String n = ("roster-runs-" + source).toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  /** The recorded runs; empty when none. */
  public Map<ResourceKey, String> read(String source) {
    ConfigMap cm;
    try {
      cm = client.configMaps().inNamespace(namespace).withName(name(source)).get();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
    Map<ResourceKey, String> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    if (cm == null || cm.getData() == null || cm.getData().get(KEY) == null) {
      return out;
    }
    for (String line : cm.getData().get(KEY).split("\n")) {
      String[] p = line.split("\\|", -1);
      if (p.length == 5) {
        out.put(new ResourceKey(p[0], p[1], p[2], p[3]), p[4]);
      }
    }
    return out;
  }

  /** Replaces the recorded runs. */
  public void write(String source, Map<ResourceKey, String> runs) {
    String lines = runs.entrySet().stream()
        .map(e -> e.getKey().group() + "|" + e.getKey().kind() + "|" + e.getKey().namespace()
            + "|" + e.getKey().name() + "|" + e.getValue())
        .sorted().collect(Collectors.joining("\n"));
    ConfigMap cm = new ConfigMapBuilder()
        .withNewMetadata().withName(name(source)).withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "roster")
        .addToLabels("roster.dev/runs", "true")
        .endMetadata()
        .withData(Map.of("source", source, KEY, lines))
        .build();
    try {
      client.configMaps().inNamespace(namespace).resource(cm).createOr(c -> c.update());
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }
}
