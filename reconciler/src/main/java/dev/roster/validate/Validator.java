package dev.roster.validate;

import com.networknt.schema.Schema;
import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates a loaded repo: load problems, per-object rules, schemas, and repo-wide rules. */
public final class Validator {
  private final SchemaCatalog catalog;
  private final SchemaValidator schemas;
  private final boolean allowUnknownKinds;
  private final ValidationCache cache;

  public Validator(SchemaCatalog catalog, boolean allowUnknownKinds) {
    this(catalog, allowUnknownKinds, null);
  }

  /** A validator that skips the per-manifest checks of manifests {@code cache} holds. */
  public Validator(SchemaCatalog catalog, boolean allowUnknownKinds, ValidationCache cache) {
    this.catalog = catalog;
    this.schemas = new SchemaValidator(catalog);
    this.allowUnknownKinds = allowUnknownKinds;
    this.cache = cache;
  }

  /** Validates {@code loaded} with no cluster: references must resolve in Git or roster.yaml. */
  public ValidationReport validate(LoadResult loaded) {
    return validate(loaded, null);
  }

  /**
   * Validates {@code loaded}; a reference nothing in Git resolves is looked up in {@code
   * cluster} (null: none) and is an error only when missing there too.
   */
  public ValidationReport validate(LoadResult loaded, ClusterLookup cluster) {
    List<Problem> out = new ArrayList<>(loaded.problems());
    Map<Manifest, ValidationCache.Local> locals = new IdentityHashMap<>();
    List<Manifest> identified = new ArrayList<>();
    List<Manifest> configDocs = new ArrayList<>();
    for (Manifest m : loaded.manifests()) {
      if (RepoConfig.concerns(m)) {
        configDocs.add(m);
        continue;
      }
      ValidationCache.Local local = cache == null ? null : cache.get(m);
      if (local == null) {
        local = local(m);
      }
      locals.put(m, local);
      out.addAll(local.identity());
      if (local.identity().isEmpty()) {
        identified.add(m);
      }
    }
    if (cache != null) {
      cache.replace(locals);
    }
    List<ResourceKey> keys = new ArrayList<>(identified.size());
    identified.forEach(m -> keys.add(locals.get(m).key()));
    RepoConfig config = RepoConfig.read(configDocs, catalog, schemas, out);
    ReferenceChecker refs = new ReferenceChecker(catalog, keys, config, cluster);
    Map<ResourceKey, Manifest> seen = new HashMap<>();
    for (Manifest m : identified) {
      ValidationCache.Local local = locals.get(m);
      out.addAll(local.object());
      out.addAll(refs.check(m, local.targets()));
      out.addAll(local.graph());
      Manifest first = seen.putIfAbsent(local.key(), m);
      if (first != null) {
        out.add(m.error("/metadata/name", "defined twice: also at " + first.origin()));
      }
    }
    out.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
        .thenComparingInt(Problem::column));
    return new ValidationReport(List.copyOf(out), loaded.files(),
        loaded.manifests().size() - configDocs.size());
  }

  /** What {@code m} alone decides. */
  private ValidationCache.Local local(Manifest m) {
    List<Problem> identity = ObjectChecker.identity(m);
    if (!identity.isEmpty()) {
      return new ValidationCache.Local(List.copyOf(identity), List.of(), List.of(), List.of(),
          null);
    }
    Profile profile = catalog.profile(m.group(), m.kind());
    KindId id = new KindId(m.group(), m.version(), m.kind());
    Optional<Schema> schema = catalog.schema(id);
    List<Problem> object = new ArrayList<>();
    if (schema.isPresent()) {
      object.addAll(schemas.validate(m, schema.get()));
    } else if (!allowUnknownKinds) {
      object.add(m.error("/apiVersion", unknownKind(id)));
    }
    object.addAll(ObjectChecker.check(m, profile));
    object.addAll(LocalRefChecker.check(m, profile));
    return new ValidationCache.Local(List.of(), List.copyOf(object),
        List.copyOf(GraphChecker.check(m, profile)),
        List.copyOf(ReferenceChecker.targets(m, profile)), ReferenceChecker.identity(catalog, m));
  }

  private String unknownKind(KindId id) {
    List<String> versions = catalog.versions(id.group(), id.kind());
    if (!versions.isEmpty()) {
      return "unknown version of " + id.kind() + ": \"" + id.version() + "\" (known: "
          + String.join(", ", versions) + ")";
    }
    return "unknown kind " + id.apiVersionKind() + ": Roster has no schema for it (add one with"
        + " --schema-dir, or pass --allow-unknown-kinds)";
  }
}
