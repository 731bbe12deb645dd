package dev.roster.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Lists all objects of one kind in one namespace as plain trees, for counting an agent's work in
 * flight (e.g. its Tasks). Labels and phases are filtered by the caller: the embedded API server
 * ignores set-based selectors. A kind the cluster does not serve lists as empty.
 */
public final class RelatedLister {
  private final KubernetesClient client;
  private final ResourceResolver resolver;
  private final BiFunction<String, String, String> apiVersion;

  /** @param apiVersion {@code (group, kind)} → apiVersion to list with, or null if unknown */
  public RelatedLister(KubernetesClient client, ResourceResolver resolver,
      BiFunction<String, String, String> apiVersion) {
    this.client = client;
    this.resolver = resolver;
    this.apiVersion = apiVersion;
  }

  public List<Map<String, Object>> list(String group, String kind, String namespace) {
    String v = apiVersion.apply(group, kind);
    Optional<ResourceDefinitionContext> ctx = v == null ? Optional.empty()
        : resolver.resolve(v, kind);
    List<Map<String, Object>> out = new ArrayList<>();
    if (ctx.isEmpty()) {
      return out;
    }
    try {
      var op = client.genericKubernetesResources(ctx.get());
      for (GenericKubernetesResource r : (ctx.get().isNamespaceScoped()
          ? op.inNamespace(namespace).list() : op.list()).getItems()) {
        out.add(Trees.toMap(client, r));
      }
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
    return out;
  }
}
