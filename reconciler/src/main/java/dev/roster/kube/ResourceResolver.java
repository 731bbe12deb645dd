package dev.roster.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds how to address a kind (plural, scope) through the API server's discovery, once per group
 * version. When discovery does not know the kind (its CRD is not installed), the result is empty:
 * callers report the object as failed instead of guessing a URL.
 */
public final class ResourceResolver {
  private final KubernetesClient client;
  private final Map<String, Map<String, ResourceDefinitionContext>> byGroupVersion =
      new ConcurrentHashMap<>();

  public ResourceResolver(KubernetesClient client) {
    this.client = client;
  }

  /** Forgets what discovery said, so the next resolve asks again (the server may have changed). */
  public void forget() {
    byGroupVersion.clear();
  }

  /** The context for {@code apiVersion} and {@code kind}, or empty if the server lacks it. */
  public Optional<ResourceDefinitionContext> resolve(String apiVersion, String kind) {
    return Optional.ofNullable(byGroupVersion.computeIfAbsent(apiVersion, this::discover)
        .get(kind));
  }

  private Map<String, ResourceDefinitionContext> discover(String apiVersion) {
    Map<String, ResourceDefinitionContext> out = new ConcurrentHashMap<>();
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return out;
      }
      throw ClusterException.from(e);
    }
    if (list == null || list.getResources() == null) {
      return out;
    }
    for (APIResource r : list.getResources()) {
      if (r.getName() == null || r.getName().contains("/")) {
        continue; // subresources such as agents/status
      }
      out.putIfAbsent(r.getKind(), new ResourceDefinitionContext.Builder()
          .withGroup(group(apiVersion))
          .withVersion(version(apiVersion))
          .withKind(r.getKind())
          .withPlural(r.getName().toLowerCase(Locale.ROOT))
          .withNamespaced(Boolean.TRUE.equals(r.getNamespaced()))
          .build());
    }
    return out;
  }

  /**
   * The apiVersion the server serves {@code kind} of {@code group} at, for kinds Roster has no
   * schema for: the group's preferred version if it serves the kind, else the first version that
   * does; empty when no version does (or the group is not served).
   */
  public Optional<String> servedVersion(String group, String kind) {
    List<String> candidates = new ArrayList<>();
    if (group.isEmpty()) {
      candidates.add("v1");
    } else {
      APIGroup g;
      try {
        g = client.getApiGroup(group);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return Optional.empty();
        }
        throw ClusterException.from(e);
      }
      if (g == null) {
        return Optional.empty();
      }
      if (g.getPreferredVersion() != null) {
        candidates.add(g.getPreferredVersion().getGroupVersion());
      }
      if (g.getVersions() != null) {
        g.getVersions().forEach(v -> candidates.add(v.getGroupVersion()));
      }
    }
    return candidates.stream().filter(v -> v != null && resolve(v, kind).isPresent())
        .findFirst();
  }

  static String group(String apiVersion) {
    int i = apiVersion.indexOf('/');
    return i < 0 ? "" : apiVersion.substring(0, i);
  }

  static String version(String apiVersion) {
    int i = apiVersion.indexOf('/');
    return i < 0 ? apiVersion : apiVersion.substring(i + 1);
  }
}
