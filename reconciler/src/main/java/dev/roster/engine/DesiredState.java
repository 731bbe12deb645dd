package dev.roster.engine;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.load.ResourceKey;
import dev.roster.plan.DesiredObject;
import dev.roster.source.Snapshot;
import dev.roster.validate.Profile;
import dev.roster.validate.RepoConfig;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Desired objects of one snapshot: loaded, validated, namespaces defaulted.
 *
 * @param objects the objects, in file order
 * @param report the validation report (no errors, possibly warnings)
 * @param apiVersions {@code group/Kind} → apiVersion, for reading live state
 */
public record DesiredState(
    List<DesiredObject> objects, ValidationReport report, Map<String, String> apiVersions) {

  /**
   * Loads and validates {@code snapshot}; throws {@link InvalidDesiredStateException} on any
   * error. Namespaced objects without a namespace get {@code defaultNamespace}.
   */
  public static DesiredState of(Snapshot snapshot, SchemaCatalog catalog, LoadOptions load,
      boolean allowUnknownKinds, String defaultNamespace) {
    return new DesiredLoader(catalog, load, allowUnknownKinds, defaultNamespace,
        PassCaches.none()).of(snapshot, null);
  }

  /**
   * The desired state of a loaded and validated tree; throws if the report has errors. The
   * objects are in manifest order, one per manifest except the repo config (roster.yaml), which
   * is never applied; {@code apiVersions} holds the apiVersion of the last manifest of each kind.
   */
  static DesiredState from(LoadResult loaded, ValidationReport report, SchemaCatalog catalog,
      String defaultNamespace) {
    if (!report.valid()) {
      throw new InvalidDesiredStateException(report);
    }
    List<DesiredObject> out = new ArrayList<>();
    Map<String, String> versions = new HashMap<>();
    for (Manifest m : loaded.manifests()) {
      if (RepoConfig.is(m)) {
        continue;
      }
      out.add(object(m, catalog, defaultNamespace));
      versions.put(m.group() + "/" + m.kind(), m.apiVersion());
    }
    return new DesiredState(List.copyOf(out), report, Map.copyOf(versions));
  }

  /** The object {@code m} makes: a namespaced one without namespace gets the default. */
  static DesiredObject object(Manifest m, SchemaCatalog catalog,
      String defaultNamespace) {
    boolean cluster = catalog.profile(m.group(), m.kind()).scope() == Profile.Scope.CLUSTER;
    String ns = cluster ? "" : m.namespace().isEmpty() ? defaultNamespace : m.namespace();
    Map<String, Object> object = m.object();
    if (!cluster && m.namespace().isEmpty()) {
      object = withNamespace(object, ns);
    }
    return new DesiredObject(new ResourceKey(m.group(), m.kind(), ns, m.name()), m.apiVersion(),
        object, m.origin());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withNamespace(Map<String, Object> object, String ns) {
    Map<String, Object> copy = new LinkedHashMap<>(object);
    Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
    meta.put("namespace", ns);
    copy.put("metadata", meta);
    return copy;
  }
}
