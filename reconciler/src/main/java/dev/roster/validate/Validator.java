package dev.roster.validate;

import com.networknt.schema.Schema;
import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates a loaded repo: load problems, per-object rules, schemas, and repo-wide rules. */
public final class Validator {
  private final SchemaCatalog catalog;
  private final SchemaValidator schemas;
  private final boolean allowUnknownKinds;

  public Validator(SchemaCatalog catalog, boolean allowUnknownKinds) {
    this.catalog = catalog;
    this.schemas = new SchemaValidator(catalog);
    this.allowUnknownKinds = allowUnknownKinds;
  }

  public ValidationReport validate(LoadResult loaded) {
    List<Problem> out = new ArrayList<>(loaded.problems());
    List<Manifest> identified = new ArrayList<>();
    for (Manifest m : loaded.manifests()) {
      List<Problem> identity = ObjectChecker.identity(m);
      out.addAll(identity);
      if (identity.isEmpty()) {
        identified.add(m);
      }
    }
    ReferenceChecker refs = new ReferenceChecker(catalog, identified);
    Map<ResourceKey, Manifest> seen = new HashMap<>();
    for (Manifest m : identified) {
      Profile profile = catalog.profile(m.group(), m.kind());
      KindId id = new KindId(m.group(), m.version(), m.kind());
      Optional<Schema> schema = catalog.schema(id);
      if (schema.isPresent()) {
        out.addAll(schemas.validate(m, schema.get()));
      } else if (!allowUnknownKinds) {
        out.add(m.error("/apiVersion", unknownKind(id)));
      }
      out.addAll(ObjectChecker.check(m, profile));
      out.addAll(refs.check(m, profile));
      out.addAll(GraphChecker.check(m, profile));
      ResourceKey key = profile.scope() == Profile.Scope.CLUSTER
          ? new ResourceKey(m.group(), m.kind(), "", m.name()) : m.key();
      Manifest first = seen.putIfAbsent(key, m);
      if (first != null) {
        out.add(m.error("/metadata/name", "defined twice: also at " + first.origin()));
      }
    }
    out.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
        .thenComparingInt(Problem::column));
    return new ValidationReport(List.copyOf(out), loaded.files(), loaded.manifests().size());
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
