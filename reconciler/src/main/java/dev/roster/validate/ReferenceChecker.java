package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that every name a profile declares as a reference resolves to an object in the repo,
 * unless the referencing object lists it in {@value #EXTERNAL_REFS}.
 */
final class ReferenceChecker {
  /** Annotation listing {@code Kind/name} (or {@code Kind/*}) targets that live outside Git. */
  static final String EXTERNAL_REFS = "roster.dev/external-refs";

  private final SchemaCatalog catalog;
  private final Set<ResourceKey> present = new HashSet<>();

  ReferenceChecker(SchemaCatalog catalog, List<Manifest> manifests) {
    this.catalog = catalog;
    for (Manifest m : manifests) {
      present.add(normalized(m.group(), m.kind(), m.namespace(), m.name()));
    }
  }

  List<Problem> check(Manifest m, Profile profile) {
    List<Problem> out = new ArrayList<>();
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
        if (resolves(group, ref.kinds(), ns, name) || isExternal(external, ref.kinds(), name)) {
          continue;
        }
        String kinds = String.join(" or ", ref.kinds());
        String where = ns.isEmpty() ? "" : " in namespace \"" + ns + "\"";
        out.add(m.error(hit.pointer(), kinds + " \"" + name + "\" is not defined in the repo"
            + where + ": add it, or list \"" + ref.kinds().get(0) + "/" + name + "\" in the "
            + EXTERNAL_REFS + " annotation if it exists outside Git"));
      }
    }
    return out;
  }

  private boolean resolves(String group, List<String> kinds, String ns, String name) {
    for (String kind : kinds) {
      if (present.contains(normalized(group, kind, ns, name))) {
        return true;
      }
    }
    return false;
  }

  private ResourceKey normalized(String group, String kind, String ns, String name) {
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
