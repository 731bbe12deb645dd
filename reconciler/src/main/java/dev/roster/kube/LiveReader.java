package dev.roster.kube;

import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the live state of a set of objects with one list call per kind and namespace (not one
 * get per object), keeping only the objects asked for.
 */
public final class LiveReader implements LiveState {
  private final KubernetesClient client;
  private final ResourceResolver resolver;

  public LiveReader(KubernetesClient client, ResourceResolver resolver) {
    this.client = client;
    this.resolver = resolver;
  }

  @Override
  public Map<ResourceKey, LiveObject> read(Set<ResourceKey> keys, Map<String, String> apiVersions) {
    Map<String, Map<String, Boolean>> scopes = new LinkedHashMap<>(); // gk -> namespaces
    for (ResourceKey k : keys) {
      scopes.computeIfAbsent(k.group() + "/" + k.kind(), x -> new LinkedHashMap<>())
          .put(k.namespace(), Boolean.TRUE);
    }
    Map<ResourceKey, LiveObject> out = new HashMap<>();
    for (Map.Entry<String, Map<String, Boolean>> e : scopes.entrySet()) {
      String gk = e.getKey();
      String kind = gk.substring(gk.indexOf('/') + 1);
      String apiVersion = apiVersions.get(gk);
      Optional<ResourceDefinitionContext> ctx = apiVersion == null ? Optional.empty()
          : resolver.resolve(apiVersion, kind);
      if (ctx.isEmpty()) {
        continue; // kind not served: nothing of it can exist live
      }
      for (String ns : e.getValue().keySet()) {
        for (GenericKubernetesResource r : list(ctx.get(), ns)) {
          ResourceKey key = new ResourceKey(ResourceResolver.group(r.getApiVersion()), r.getKind(),
              ctx.get().isNamespaceScoped() ? ns : "", r.getMetadata().getName());
          if (keys.contains(key)) {
            out.put(key, new LiveObject(key, Trees.toMap(client, r)));
          }
        }
      }
    }
    return out;
  }

  private Iterable<GenericKubernetesResource> list(ResourceDefinitionContext ctx, String ns) {
    try {
      var op = client.genericKubernetesResources(ctx);
      return (ctx.isNamespaceScoped() ? op.inNamespace(ns).list() : op.list()).getItems();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }
}
