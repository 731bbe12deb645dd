package dev.roster.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** Conversions between fabric8 objects and the plain trees the stages work on. */
public final class Trees {
  private Trees() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(KubernetesClient client, Object resource) {
    return client.getKubernetesSerialization().convertValue(resource, LinkedHashMap.class);
  }

  public static GenericKubernetesResource toResource(KubernetesClient client,
      Map<String, Object> tree) {
    return client.getKubernetesSerialization().convertValue(tree, GenericKubernetesResource.class);
  }
}
