package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every name a profile declares as a reference resolves: to an object in the repo,
 * else to an entry of roster.yaml's {@code externalRefs}, else to an object the target kind's
 * profile says the platform provides, else (with a {@link ClusterLookup}) to a live object.
 * Names the referencing object lists in {@value #EXTERNAL_REFS} are never checked. Finding the
 * names ({@link #targets}) depends on the object alone; resolving them ({@link #check}) on the
 * whole repo and the cluster.
 */
final class ReferenceChecker {
  /** Annotation listing {@code Kind/name} (or {@code Kind/*}) targets that live outside Git. */
  static final String EXTERNAL_REFS = "roster.dev/external-refs";

  /**
   * A name one object refers to and does not declare external.
   *
   * @param pointer where the name is (its parent's pointer when omitted)
   * @param group API group of the targets
   * @param kinds target kinds, tried in order
   * @param namespace namespace the target must be in, as written in Git
   * @param name the target's name
   * @param omitted the absent field whose platform default {@code name} is, or null when the
   *     name is written
   */
  record Target(String pointer, String group, List<String> kinds, String namespace,
      String name, String omitted) {}

  private final SchemaCatalog catalog;
  private final Set<ResourceKey> present;
  private final RepoConfig config;
  private final ClusterLookup cluster;
  private final Map<ResourceKey, Boolean> live = new HashMap<>();

  /**
   * A checker for a repo holding objects of these (normalized) identities, with the repo's
   * config and, when plan or apply run it, the cluster (null: none).
   */
  ReferenceChecker(SchemaCatalog catalog, Collection<ResourceKey> identities, RepoConfig config,
      ClusterLookup cluster) {
    this(catalog, (Set<ResourceKey>) new HashSet<>(identities), config, cluster);
  }

  /** As the constructor, over {@code present} itself: not copied, read as it is at each check. */
  static ReferenceChecker over(SchemaCatalog catalog, Set<ResourceKey> present, RepoConfig config,
      ClusterLookup cluster) {
    return new ReferenceChecker(catalog, present, config, cluster);
  }

  private ReferenceChecker(SchemaCatalog catalog, Set<ResourceKey> present, RepoConfig config,
      ClusterLookup cluster) {
    this.catalog = catalog;
    this.config = config;
    this.cluster = cluster;
    this.present = present;
  }

  /** The identities in the repo that would resolve {@code t}: one per kind it may name. */
  static List<ResourceKey> keys(SchemaCatalog catalog, Target t) {
    List<ResourceKey> out = new ArrayList<>(t.kinds().size());
    for (String kind : t.kinds()) {
      out.add(normalized(catalog, t.group(), kind, t.namespace(), t.name()));
    }
    return out;
  }

  /** Whether every one of {@code targets} resolves in the repo (so no config or cluster is read). */
  boolean inRepo(List<Target> targets) {
    for (Target t : targets) {
      if (!inRepo(t)) {
        return false;
      }
    }
    return true;
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
          out.add(new Target(hit.pointer().intern(), group, ref.kinds(), ns, name, null));
        }
      }
      if (ref.omitted() != null && !isExternal(external, ref.kinds(), ref.omitted())) {
        int slash = ref.path().lastIndexOf('/');
        String field = ref.path().substring(slash + 1);
        for (PointerPaths.Match parent
            : PointerPaths.find(m.object(), ref.path().substring(0, slash), "")) {
          if (parent.value() instanceof Map<?, ?> p && !p.containsKey(field)) {
            out.add(new Target(parent.pointer().intern(), group, ref.kinds(), m.namespace(),
                ref.omitted(), field));
          }
        }
      }
    }
    return out;
  }

  /** Problems of {@code m}'s targets that resolve to nothing. */
  List<Problem> check(Manifest m, List<Target> targets) {
    List<Problem> out = new ArrayList<>();
    for (Target t : targets) {
      if (inRepo(t) || inConfig(t) || provided(t) || live(t)) {
        continue;
      }
      String kinds = String.join(" or ", t.kinds());
      String entry = t.kinds().get(0) + "/" + t.name();
      String omitted = t.omitted() == null ? ""
          : t.omitted() + " is not set, so the platform uses \"" + t.name() + "\": ";
      String where = t.namespace().isEmpty() ? "" : " in namespace \"" + t.namespace() + "\"";
      String message = cluster == null
          ? kinds + " \"" + t.name() + "\" is not defined in the repo" + where + ": add it,"
              + " or, if it exists outside Git, list \"" + entry + "\" under externalRefs in "
              + RepoConfig.FILE + " (or in this object's " + EXTERNAL_REFS + " annotation)"
          : kinds + " \"" + t.name() + "\" is defined neither in the repo nor in the cluster"
              + where + ": add it to the repo, create it in the cluster, or, if something else"
              + " creates it later, list \"" + entry + "\" under externalRefs in "
              + RepoConfig.FILE;
      out.add(m.error(t.pointer(), omitted + message));
    }
    return out;
  }

  private boolean inRepo(Target t) {
    for (String kind : t.kinds()) {
      if (present.contains(normalized(catalog, t.group(), kind, t.namespace(), t.name()))) {
        return true;
      }
    }
    return false;
  }

  private boolean inConfig(Target t) {
    for (String kind : t.kinds()) {
      boolean clusterScoped = catalog.profile(t.group(), kind).scope() == Profile.Scope.CLUSTER;
      for (RepoConfig.ExternalRef e : config.externalRefs()) {
        if (e.covers(kind, t.namespace(), clusterScoped, t.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean provided(Target t) {
    for (String kind : t.kinds()) {
      List<String> names = catalog.profile(t.group(), kind).provided();
      if (names.contains(t.name()) || names.contains(t.namespace() + "/" + t.name())) {
        return true;
      }
    }
    return false;
  }

  private boolean live(Target t) {
    if (cluster == null) {
      return false;
    }
    for (String kind : t.kinds()) {
      ResourceKey k = normalized(catalog, t.group(), kind, t.namespace(), t.name());
      if (live.computeIfAbsent(k,
          x -> cluster.exists(x.group(), x.kind(), x.namespace(), x.name()))) {
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

  /** Between the entries of the external-refs annotation (compiled once, not per object). */
  private static final java.util.regex.Pattern SEPARATORS =
      java.util.regex.Pattern.compile("[,\\s]+");

  private static Set<String> external(Manifest m) {
    String value = m.annotation(EXTERNAL_REFS);
    Set<String> out = new HashSet<>();
    if (value != null) {
      for (String part : SEPARATORS.split(value)) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }
}
