package dev.roster.devcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource type as API discovery lists it.
 *
 * @param group API group, empty for core
 * @param version API version
 * @param plural resource name, e.g. {@code configmaps}
 * @param singular singular name, e.g. {@code configmap}
 * @param kind kind, e.g. {@code ConfigMap}
 * @param namespaced whether objects live in a namespace
 * @param shortNames short names kubectl accepts, e.g. {@code cm}
 */
record ApiType(String group, String version, String plural, String singular, String kind,
    boolean namespaced, List<String> shortNames) {

  /** The built-in types the embedded cluster serves (it stores any path; these are listed). */
  static final List<ApiType> BUILT_IN = List.of(
      core("configmaps", "ConfigMap", true, "cm"),
      core("endpoints", "Endpoints", true, "ep"),
      core("events", "Event", true, "ev"),
      core("limitranges", "LimitRange", true, "limits"),
      core("namespaces", "Namespace", false, "ns"),
      core("nodes", "Node", false, "no"),
      core("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
      core("persistentvolumes", "PersistentVolume", false, "pv"),
      core("pods", "Pod", true, "po"),
      core("podtemplates", "PodTemplate", true),
      core("replicationcontrollers", "ReplicationController", true, "rc"),
      core("resourcequotas", "ResourceQuota", true, "quota"),
      core("secrets", "Secret", true),
      core("serviceaccounts", "ServiceAccount", true, "sa"),
      core("services", "Service", true, "svc"),
      new ApiType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of()),
      new ApiType("apiextensions.k8s.io", "v1", "customresourcedefinitions",
          "customresourcedefinition", "CustomResourceDefinition", false, List.of("crd", "crds")));

  /** {@code group/version}, or {@code version} for core. */
  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** One type per served version of {@code crd}. */
  static List<ApiType> of(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    var names = spec.getNames();
    List<ApiType> out = new ArrayList<>();
    for (CustomResourceDefinitionVersion v : spec.getVersions()) {
      if (Boolean.FALSE.equals(v.getServed())) {
        continue;
      }
      String singular = names.getSingular() == null || names.getSingular().isEmpty()
          ? Plurals.singular(names.getKind()) : names.getSingular();
      out.add(new ApiType(spec.getGroup(), v.getName(), names.getPlural(), singular,
          names.getKind(), !"Cluster".equals(spec.getScope()),
          names.getShortNames() == null ? List.of() : List.copyOf(names.getShortNames())));
    }
    return out;
  }

  private static ApiType core(String plural, String kind, boolean namespaced, String... shorts) {
    return new ApiType("", "v1", plural, kind.toLowerCase(java.util.Locale.ROOT), kind,
        namespaced, List.of(shorts));
  }
}
