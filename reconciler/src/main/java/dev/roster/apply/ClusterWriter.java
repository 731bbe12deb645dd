package dev.roster.apply;

import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.ResourceResolver;
import dev.roster.kube.Trees;
import dev.roster.load.ResourceKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The only place that writes objects: create, JSON Patch, server-side apply, delete. */
final class ClusterWriter {
  /** Field manager for server-side apply; one constant, never varied. */
  static final String FIELD_MANAGER = "roster";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RESOURCE_VERSION = "/metadata/resourceVersion";

  private final KubernetesClient client;
  private final ResourceResolver resolver;

  ClusterWriter(KubernetesClient client, ResourceResolver resolver) {
    this.client = client;
    this.resolver = resolver;
  }

  void create(ResourceKey key, String apiVersion, Map<String, Object> object) {
    run(() -> scope(key, apiVersion).resource(Trees.toResource(client, object)).create());
  }

  /**
   * Applies a JSON Patch. When its {@code test} of metadata.resourceVersion fails, a real API
   * server answers 422 (not 409), and 404 when the object is gone; both are reported as {@code
   * Conflict} (the object changed since it was read) so the caller re-plans against fresh state.
   */
  void patch(ResourceKey key, String apiVersion, List<Map<String, Object>> ops) {
    String json = JSON.writeValueAsString(ops);
    try {
      // Addressed by a stub, not by name: by name, the client reads the object before patching.
      run(() -> scope(key, apiVersion).resource(stub(key, apiVersion))
          .patch(PatchContext.of(PatchType.JSON), json));
    } catch (ClusterException e) {
      boolean maybeStale = e.reason() == ClusterReason.INVALID
          || e.reason() == ClusterReason.NOT_FOUND;
      if (maybeStale && staleVersion(key, apiVersion, ops)) {
        throw new ClusterException(ClusterReason.CONFLICT, "conflict: the object changed"
            + " since it was read (" + e.getMessage() + ")", e);
      }
      throw e;
    }
  }

  /** Only what addresses {@code key}: apiVersion, kind, name and namespace. */
  private GenericKubernetesResource stub(ResourceKey key, String apiVersion) {
    return new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion(apiVersion).withKind(key.kind()).withNewMetadata()
        .withName(key.name()).withNamespace(key.namespace().isEmpty() ? null : key.namespace())
        .endMetadata().build();
  }

  /** Whether {@code ops} test a resourceVersion the live object no longer has. */
  private boolean staleVersion(ResourceKey key, String apiVersion,
      List<Map<String, Object>> ops) {
    Object tested = ops.stream()
        .filter(op -> "test".equals(op.get("op")) && RESOURCE_VERSION.equals(op.get("path")))
        .map(op -> op.get("value")).findFirst().orElse(null);
    if (tested == null) {
      return false;
    }
    Map<String, Object> live;
    try {
      live = get(key, apiVersion);
    } catch (ClusterException e) {
      return false; // cannot tell: report the original failure
    }
    return live == null || !(live.get("metadata") instanceof Map<?, ?> meta)
        || !tested.equals(meta.get("resourceVersion"));
  }

  void serverSideApply(ResourceKey key, String apiVersion, Map<String, Object> object) {
    run(() -> scope(key, apiVersion).resource(Trees.toResource(client, object))
        .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
  }

  void delete(ResourceKey key, String apiVersion) {
    delete(key, apiVersion, DeletionPropagation.BACKGROUND);
  }

  /**
   * Deletes with {@code propagation}: {@code FOREGROUND} keeps the object until its dependents
   * (an agent's PVCs, Deployment) are gone, so a re-create never finds them still there.
   */
  void delete(ResourceKey key, String apiVersion, DeletionPropagation propagation) {
    run(() -> scope(key, apiVersion).withName(key.name())
        .withPropagationPolicy(propagation).delete());
  }

  /** The live object as a tree, or null when absent. */
  Map<String, Object> get(ResourceKey key, String apiVersion) {
    GenericKubernetesResource r = run(() -> scope(key, apiVersion).withName(key.name()).get());
    return r == null ? null : Trees.toMap(client, r);
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> scope(ResourceKey key, String apiVersion) {
    ResourceDefinitionContext ctx = resolver.resolve(apiVersion, key.kind())
        .orElseThrow(() -> new ClusterException(ClusterReason.NOT_FOUND,
            "the API server does not serve " + apiVersion + " " + key.kind()
            + " (is its CRD installed?)"));
    var op = client.genericKubernetesResources(ctx);
    return ctx.isNamespaceScoped() ? op.inNamespace(key.namespace()) : op;
  }

  private interface Call<T> {
    T call();
  }

  private static <T> T run(Call<T> call) {
    try {
      return call.call();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }
}
