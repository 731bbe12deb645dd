package dev.roster.validate;

import com.networknt.schema.Schema;
import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repo's own settings, read from {@value #FILE} at the root of the source path ({@code
 * apiVersion: roster.dev/v1alpha1}, {@code kind: RepoConfig}, validated against its schema).
 * Read by Roster, never applied and never pruned: it is no desired object.
 *
 * @param externalRefs objects that references may name although they live outside Git
 */
public record RepoConfig(List<ExternalRef> externalRefs) {
  /** The file name, relative to the root of the source path. */
  public static final String FILE = "roster.yaml";
  static final String GROUP = "roster.dev";
  static final String KIND = "RepoConfig";
  static final RepoConfig NONE = new RepoConfig(List.of());

  /**
   * One {@code externalRefs} entry: {@code Kind/name} or {@code namespace/Kind/name}.
   *
   * @param namespace namespace as written in Git, or null for any
   * @param kind the target kind
   * @param name the target name, or {@code *} for any
   */
  public record ExternalRef(String namespace, String kind, String name) {
    /** Whether a reference to {@code kind} {@code namespace/name} is covered. */
    boolean covers(String kind, String namespace, boolean clusterScoped, String name) {
      return this.kind.equals(kind) && ("*".equals(this.name) || this.name.equals(name))
          && (this.namespace == null || clusterScoped || this.namespace.equals(namespace));
    }

    static Optional<ExternalRef> parse(String entry) {
      String[] p = entry.trim().split("/", -1);
      if (p.length == 2 && !p[0].isEmpty() && !p[1].isEmpty()) {
        return Optional.of(new ExternalRef(null, p[0], p[1]));
      }
      if (p.length == 3 && !p[0].isEmpty() && !p[1].isEmpty() && !p[2].isEmpty()) {
        return Optional.of(new ExternalRef(p[0], p[1], p[2]));
      }
      return Optional.empty();
    }
  }

  /** Whether {@code m} is a RepoConfig document (any version). */
  public static boolean is(Manifest m) {
    return GROUP.equals(m.group()) && KIND.equals(m.kind());
  }

  /** Whether {@code m} belongs to the repo config: a RepoConfig, or any document of the file. */
  static boolean concerns(Manifest m) {
    return is(m) || FILE.equals(m.origin().file());
  }

  /**
   * The config the documents {@code docs} (those {@link #concerns} selects) give, adding their
   * problems to {@code out}; no documents give an empty config.
   */
  static RepoConfig read(List<Manifest> docs, SchemaCatalog catalog, SchemaValidator schemas,
      List<Problem> out) {
    List<ExternalRef> refs = new ArrayList<>();
    Manifest first = null;
    for (Manifest m : docs) {
      if (!is(m)) {
        out.add(m.error("/kind", FILE + " at the root of the source path is Roster's repo"
            + " config and is never applied: its one document is apiVersion " + GROUP
            + "/v1alpha1, kind " + KIND + "; move this object to another file"));
        continue;
      }
      if (!FILE.equals(m.origin().file())) {
        out.add(m.error("/kind", "a " + KIND + " is read only from " + FILE + " at the root"
            + " of the source path, so this one has no effect: move it there"));
        continue;
      }
      if (first != null) {
        out.add(m.error("/kind", KIND + " defined twice: also at " + first.origin()));
        continue;
      }
      first = m;
      Optional<Schema> schema = catalog.schema(new KindId(m.group(), m.version(), m.kind()));
      if (schema.isEmpty()) {
        out.add(m.error("/apiVersion", "unknown version of " + KIND + ": \"" + m.version()
            + "\" (known: " + String.join(", ", catalog.versions(GROUP, KIND)) + ")"));
        continue;
      }
      out.addAll(schemas.validate(m, schema.get()));
      if (m.object().get("externalRefs") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof String s) {
            ExternalRef.parse(s).ifPresent(refs::add);
          }
        }
      }
    }
    return new RepoConfig(List.copyOf(refs));
  }
}
