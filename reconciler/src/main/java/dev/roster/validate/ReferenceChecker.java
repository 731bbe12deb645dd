package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that every name a profile declares as a reference resolves to an object in the repo,
 * unless the referencing object lists it in {@value #EXTERNAL_REFS}. Finding the names ({@link
 * #targets}) depends on the object alone; resolving them ({@link #check}) on the whole repo.
 */
final class ReferenceChecker {
  /** Annotation listing {@code Kind/name} (or {@code Kind/*}) targets that live outside Git. */
  static final String EXTERNAL_REFS = "roster.dev/external-refs";

  /**
   * A name one object refers to and does not declare external.
   *
   * @param pointer where the name is
   * @param group API group of the targets
   * @param kinds target kinds, tried in order
   * @param namespace namespace the target must be in (empty for cluster-scoped kinds)
   * @param name the target's name
   */
  record Target(String pointer, String group, List<String> kinds, String namespace,
      String name) {}

  private final SchemaCatalog catalog;
  private final Set<ResourceKey> present = new HashSet<>();

  /** A checker for a repo holding objects of these (normalized) identities. */
  ReferenceChecker(SchemaCatalog catalog, Collection<ResourceKey> identities) {
    this.catalog = catalog;
    present.addAll(identities);
  }

  /** The identity of {@code m} as references name it: no namespace for cluster-scoped kinds. */
  static ResourceKey identity(SchemaCatalog catalog, Manifest m) {
    return normalized(catalog, m.group(), m.kind(), m.namespace(), m.name());
  }

  /** The names {@code m} refers to, in profile order, leaving out those it declares external. */
  static List<Target> targets(Manifest m, Profile profile) {
    List<Target> out = new ArrayList<>();
    Set<String> external = external(m);
    for (Profile.Reference ref : profile.references()) {
      String group = ref.group() == null ? m.group() : ref.group();
      for (PointerPaths.Match hit : PointerPaths.find(m.object(), ref.path(), "")) {
        if (!(hit.value() instanceof String value) || value.isEmpty()) {
          continue;
        }
        String ns = m.namespace();
        String name = value;
        if (ref.allowNamespacePrefix() && value.contains("/")) {
          ns = value.substring(0, value.indexOf('/'));
          name = value.substring(value.indexOf('/') + 1);
        }
        if (ref.namespaceSibling() != null && hit.parent() != null
            && hit.parent().get(ref.namespaceSibling()) instanceof String s && !s.isEmpty()) {
          ns = s;
        }
        if (!isExternal(external, ref.kinds(), name)) {
          out.add(new Target(hit.pointer(), group, ref.kinds(), ns, name));
        }
      }
    }
    return out;
  }

  /** Problems of {@code m}'s targets that resolve to nothing in the repo. */
  List<Problem> check(Manifest m, List<Target> targets) {
    List<Problem> out = new ArrayList<>();
    for (Target t : targets) {
      if (resolves(t)) {
        continue;
      }
      String kinds = String.join(" or ", t.kinds());
      String where = t.namespace().isEmpty() ? "" : " in namespace \"" + t.namespace() + "\"";
      out.add(m.error(t.pointer(), kinds + " \"" + t.name() + "\" is not defined in the repo"
          + where + ": add it, or list \"" + t.kinds().get(0) + "/" + t.name() + "\" in the "
          + EXTERNAL_REFS + " annotation if it exists outside Git"));
    }
    return out;
  }

  private boolean resolves(Target t) {
    for (String kind : t.kinds()) {
      if (present.contains(normalized(catalog, t.group(), kind, t.namespace(), t.name()))) {
        return true;
      }
    }
    return false;
  }

  private static ResourceKey normalized(SchemaCatalog catalog, String group, String kind,
      String ns, String name) {
    boolean cluster = catalog.profile(group, kind).scope() == Profile.Scope.CLUSTER;
    return new ResourceKey(group, kind, cluster ? "" : ns, name);
  }

  private static boolean isExternal(Set<String> external, List<String> kinds, String name) {
    for (String kind : kinds) {
      if (external.contains(kind + "/" + name) || external.contains(kind + "/*")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> external(Manifest m) {
    String value = m.annotation(EXTERNAL_REFS);
    Set<String> out = new HashSet<>();
    if (value != null) {
      for (String part : value.split("[,\\s]+")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }
}
