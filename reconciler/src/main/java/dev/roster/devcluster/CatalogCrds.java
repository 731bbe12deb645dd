package dev.roster.devcluster;

import dev.roster.validate.KindId;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Permissive CustomResourceDefinitions for the non-core kinds of a {@link SchemaCatalog}, for
 * clusters that lack the real ones (the embedded dev cluster). Plural from {@link Plurals}, scope
 * from the kind's profile, the status subresource on, short names where the platform declares them,
 * and an open schema ({@code x-kubernetes-preserve-unknown-fields}): Roster validates objects
 * itself, so the CRD does not need the real schema.
 */
public final class CatalogCrds {
  /** Short names the platforms' own CRDs declare, by {@code group/Kind}. */
  static final Map<String, List<String>> SHORT_NAMES = Map.of(
      "komputer.komputer.ai/KomputerSquad", List.of("ks"),
      "kubeopencode.io/Agent", List.of("ag"),
      "kubeopencode.io/AgentTemplate", List.of("agt"),
      "kubeopencode.io/Task", List.of("tk"),
      "kubeopencode.io/CronTask", List.of("ct"),
      "kubeopencode.io/KubeOpenCodeConfig", List.of("ktc"));

  /** Kinds whose real CRD has no status subresource, by {@code group/Kind}. */
  static final Set<String> NO_STATUS = Set.of("kubeopencode.io/KubeOpenCodeConfig");

  private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  private CatalogCrds() {}

  /** One CRD per non-core group and kind in {@code catalog}, serving every version it knows. */
  public static List<CustomResourceDefinition> of(SchemaCatalog catalog) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    for (KindId k : catalog.kinds()) {
      if (!k.group().isEmpty()) {
        versions.computeIfAbsent(k.group() + "/" + k.kind(), x -> new ArrayList<>())
            .add(k.version());
      }
    }
    List<CustomResourceDefinition> out = new ArrayList<>();
    versions.forEach((groupKind, vs) -> {
      String group = groupKind.substring(0, groupKind.indexOf('/'));
      String kind = groupKind.substring(groupKind.indexOf('/') + 1);
      out.add(crd(group, kind, vs, catalog.profile(group, kind).scope()));
    });
    return out;
  }

  /** The CRD of one kind; the highest version (GA over beta over alpha) is the storage version. */
  public static CustomResourceDefinition crd(
      String group, String kind, List<String> versions, Profile.Scope scope) {
    String plural = Plurals.of(kind);
    String key = group + "/" + kind;
    String storage = versions.stream().max(Comparator.comparing(CatalogCrds::rank)).orElseThrow();
    List<CustomResourceDefinitionVersion> served = new ArrayList<>();
    for (String v : versions) {
      CustomResourceDefinitionVersionBuilder b = new CustomResourceDefinitionVersionBuilder()
          .withName(v).withServed(true).withStorage(v.equals(storage))
          .withNewSchema().withOpenAPIV3Schema(openSchema()).endSchema();
      if (!NO_STATUS.contains(key)) {
        b.withNewSubresources().withNewStatus().endStatus().endSubresources();
      }
      served.add(b.build());
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(plural + "." + group).endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope(scope == Profile.Scope.CLUSTER ? "Cluster" : "Namespaced")
        .withNewNames()
        .withKind(kind).withListKind(kind + "List")
        .withPlural(plural).withSingular(Plurals.singular(kind))
        .withShortNames(SHORT_NAMES.getOrDefault(key, List.of()))
        .endNames()
        .withVersions(served)
        .endSpec()
        .build();
  }

  private static JSONSchemaProps openSchema() {
    JSONSchemaProps p = new JSONSchemaPropsBuilder().withType("object").build();
    p.setXKubernetesPreserveUnknownFields(true);
    return p;
  }

  /** Kubernetes version priority: GA, then beta, then alpha; higher numbers first within each. */
  static String rank(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      return "0/" + version;
    }
    String stage = m.group(2) == null ? "3" : "beta".equals(m.group(2)) ? "2" : "1";
    String minor = m.group(3) == null ? "0" : m.group(3);
    return String.format("1/%s/%09d/%09d", stage, Long.parseLong(m.group(1)),
        Long.parseLong(minor));
  }
}
