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
import java.util.stream.IntStream;

/** Validates a loaded repo: load problems, per-object rules, schemas, and repo-wide rules. */
public final class Validator {
  /** The namespace of objects that name none, unless the caller says otherwise. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Manifests to check before {@link #fresh} spreads them over the cores. */
  static final int PARALLEL_FROM = 256;
  final SchemaCatalog catalog;
  final SchemaValidator schemas;
  /** The order of a report's problems (a stable sort keeps the order found within a place). */
  static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
      .thenComparingInt(Problem::line).thenComparingInt(Problem::column);
  private final boolean allowUnknownKinds;
  private final ValidationCache cache;
  /** {@link #PARALLEL_FROM}; tests set it to compare the one-core and the many-core path. */
  int parallelFrom = PARALLEL_FROM;

  /** A validator that checks every manifest ({@link ValidationCache#none()}). */
  public Validator(SchemaCatalog catalog, boolean allowUnknownKinds) {
    this(catalog, allowUnknownKinds, ValidationCache.none());
  }

  /** A validator that skips the per-manifest checks of manifests {@code cache} holds. */
  public Validator(SchemaCatalog catalog, boolean allowUnknownKinds, ValidationCache cache) {
    this.catalog = catalog;
    this.schemas = new SchemaValidator(catalog);
    this.allowUnknownKinds = allowUnknownKinds;
    this.cache = java.util.Objects.requireNonNull(cache,
        "cache (ValidationCache.none() for none)");
  }

  /**
   * Validates {@code loaded} for the namespace {@code default}: namespaced objects that name no
   * namespace are taken to live there when looking for duplicates. No cluster: references must
   * resolve in Git, roster.yaml or the profiles' provided objects.
   */
  public ValidationReport validate(LoadResult loaded) {
    return validate(loaded, DEFAULT_NAMESPACE);
  }

  /**
   * Validates {@code loaded}; namespaced objects that name no namespace are taken to live in
   * {@code defaultNamespace} when looking for duplicates, so {@code namespace: default} and no
   * namespace at all are the same object when the default is {@code default}.
   */
  public ValidationReport validate(LoadResult loaded, String defaultNamespace) {
    return validate(loaded, defaultNamespace, null);
  }

  /**
   * As {@link #validate(LoadResult, String)}; a reference nothing in Git resolves is looked up in
   * {@code cluster} (null: none) and is an error only when missing there too.
   */
  public ValidationReport validate(LoadResult loaded, String defaultNamespace,
      ClusterLookup cluster) {
    List<Problem> out = new ArrayList<>(loaded.problems());
    Map<Manifest, ValidationCache.Local> locals = new IdentityHashMap<>();
    List<Manifest> identified = new ArrayList<>();
    List<Manifest> configDocs = new ArrayList<>();
    Map<Manifest, ValidationCache.Local> fresh = fresh(loaded.manifests());
    for (Manifest m : loaded.manifests()) {
      if (RepoConfig.concerns(m)) {
        configDocs.add(m);
        continue;
      }
      ValidationCache.Local local = cache.get(m);
      if (local == null) {
        local = fresh.get(m);
      }
      if (local == null) {
        local = local(m);
      }
      locals.put(m, local);
      out.addAll(local.identity());
      if (local.identity().isEmpty()) {
        identified.add(m);
      }
    }
    cache.replace(locals);
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
      Manifest first = seen.putIfAbsent(applied(local.key(), defaultNamespace), m);
      if (first != null) {
        out.add(duplicate(m, local.key(), first, locals.get(first).key(), defaultNamespace));
      }
    }
    out.sort(ORDER);
    return new ValidationReport(List.copyOf(out), loaded.files(),
        loaded.manifests().size() - configDocs.size());
  }

  /**
   * What each manifest the cache does not know decides alone, worked out on every core when there
   * are enough of them to pay ({@link #parallelFrom}); empty otherwise (the caller then asks
   * {@link #local} one by one). {@link #local} reads only its manifest and the catalog (whose
   * caches are concurrent), so the result is the same whichever thread made it; the report's order
   * comes from the caller's walk over the manifests and its final sort, not from here.
   */
  private Map<Manifest, ValidationCache.Local> fresh(List<Manifest> manifests) {
    if (manifests.size() < parallelFrom || Runtime.getRuntime().availableProcessors() < 2) {
      return Map.of();
    }
    List<Manifest> misses = new ArrayList<>();
    for (Manifest m : manifests) {
      if (!RepoConfig.concerns(m) && !cache.knows(m)) {
        misses.add(m);
      }
    }
    if (misses.size() < parallelFrom) {
      return Map.of();
    }
    ValidationCache.Local[] made = new ValidationCache.Local[misses.size()];
    // The first manifest of each kind on this thread: its schema is compiled and first used
    // before several threads share it, and a kind that cannot be checked fails as on one core.
    java.util.Set<String> kinds = new java.util.HashSet<>();
    for (int i = 0; i < made.length; i++) {
      Manifest m = misses.get(i);
      if (kinds.add(m.group() + "/" + m.version() + "/" + m.kind())) {
        made[i] = local(m);
      }
    }
    IntStream.range(0, made.length).parallel().filter(i -> made[i] == null)
        .forEach(i -> made[i] = local(misses.get(i)));
    Map<Manifest, ValidationCache.Local> out = new IdentityHashMap<>(made.length * 2);
    for (int i = 0; i < made.length; i++) {
      out.put(misses.get(i), made[i]);
    }
    return out;
  }

  /** Where {@code key} is applied: a namespaced key without namespace goes to the default. */
  ResourceKey applied(ResourceKey key, String defaultNamespace) {
    if (!key.namespace().isEmpty() || defaultNamespace == null || defaultNamespace.isEmpty()
        || catalog.profile(key.group(), key.kind()).scope() == Profile.Scope.CLUSTER) {
      return key;
    }
    return new ResourceKey(key.group(), key.kind(), defaultNamespace, key.name());
  }

  /** The error of {@code m} (identity {@code key}) defined before as {@code first}. */
  static Problem duplicate(Manifest m, ResourceKey key, Manifest first, ResourceKey firstKey,
      String defaultNamespace) {
    return m.error("/metadata/name", "defined twice: also at " + first.origin()
        + twin(key, firstKey, defaultNamespace));
  }

  /** Why two objects written differently are one: one of them names no namespace. */
  private static String twin(ResourceKey key, ResourceKey first, String defaultNamespace) {
    if (key.equals(first)) {
      return "";
    }
    return " (an object without metadata.namespace goes to the default namespace \""
        + defaultNamespace + "\")";
  }

  /** What {@code m} alone decides. */
  ValidationCache.Local local(Manifest m) {
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
