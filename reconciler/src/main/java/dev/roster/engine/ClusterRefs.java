package dev.roster.engine;

import dev.roster.kube.ClusterException;
import dev.roster.kube.ResourceResolver;
import dev.roster.validate.ClusterLookup;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * Plan's and apply's answer to "does this referenced object exist outside Git": one GET per
 * object asked about. A kind the server does not serve has no objects; a namespaced target
 * written without a namespace is looked for in the source's default namespace, where its
 * referrer will be applied.
 */
final class ClusterRefs implements ClusterLookup {
  private final SchemaCatalog catalog;
  private final KubernetesClient client;
  private final ResourceResolver resolver;
  private final String defaultNamespace;

  ClusterRefs(SchemaCatalog catalog, KubernetesClient client, ResourceResolver resolver,
      String defaultNamespace) {
    this.catalog = catalog;
    this.client = client;
    this.resolver = resolver;
    this.defaultNamespace = defaultNamespace;
  }

  @Override
  public boolean exists(String group, String kind, String namespace, String name) {
    Optional<ResourceDefinitionContext> ctx = apiVersion(group, kind)
        .flatMap(v -> resolver.resolve(v, kind));
    if (ctx.isEmpty()) {
      return false;
    }
    var op = client.genericKubernetesResources(ctx.get());
    boolean namespaced = ctx.get().isNamespaceScoped()
        && catalog.profile(group, kind).scope() != Profile.Scope.CLUSTER;
    String ns = namespace.isEmpty() ? defaultNamespace : namespace;
    try {
      return (namespaced ? op.inNamespace(ns).withName(name) : op.withName(name)).get() != null;
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }

  private Optional<String> apiVersion(String group, String kind) {
    List<String> versions = catalog.versions(group, kind);
    if (versions.isEmpty()) {
      return resolver.servedVersion(group, kind);
    }
    return Optional.of(group.isEmpty() ? versions.get(0) : group + "/" + versions.get(0));
  }
}
