package dev.roster.kube;

import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Ownership;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the objects labelled {@code roster.dev/source=<source>} live, in every namespace, among
 * the kinds given: what an inventory that went missing or was emptied should have listed. One
 * list request per served kind; a kind the server does not serve, or that RBAC hides (403), is
 * skipped, so the answer is a lower bound, never a guess of more.
 */
public final class LabelledObjects {
  private final KubernetesClient client;
  private final ResourceResolver resolver;

  public LabelledObjects(KubernetesClient client, ResourceResolver resolver) {
    this.client = client;
    this.resolver = resolver;
  }

  /** The objects labelled for {@code source} among {@code apiVersionKinds} ({apiVersion, kind}). */
  public Map<ResourceKey, LiveObject> find(String source, Collection<String[]> apiVersionKinds) {
    Map<ResourceKey, LiveObject> out = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String[] avk : apiVersionKinds) {
      Optional<ResourceDefinitionContext> ctx = resolver.resolve(avk[0], avk[1]);
      if (ctx.isEmpty() || !seen.add(ctx.get().getGroup() + "/" + ctx.get().getKind())) {
        continue;
      }
      try {
        var op = client.genericKubernetesResources(ctx.get());
        var items = (ctx.get().isNamespaceScoped() ? op.inAnyNamespace() : op)
            .withLabel(Ownership.SOURCE, source).list().getItems();
        for (GenericKubernetesResource r : items) {
          ResourceKey key = new ResourceKey(ResourceResolver.group(r.getApiVersion()),
              r.getKind(), ctx.get().isNamespaceScoped() ? r.getMetadata().getNamespace() : "",
              r.getMetadata().getName());
          out.put(key, new LiveObject(key, Trees.toMap(client, r)));
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 403 && e.getCode() != 404) {
          throw ClusterException.from(e);
        }
      }
    }
    return out;
  }
}
