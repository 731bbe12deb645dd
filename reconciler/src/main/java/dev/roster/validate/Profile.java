package dev.roster.validate;

import java.util.List;

/**
 * How Roster treats one kind, read from {@code <Kind>.profile.yaml} next to its schema.
 *
 * @param scope whether objects live in a namespace
 * @param nameFormat which Kubernetes name rule metadata.name follows
 * @param references names in the object that must resolve to another object in the repo
 * @param graphs names inside the object that refer to each other
 * @param wave apply order: lower waves are applied first and pruned last
 */
public record Profile(
    Scope scope,
    NameFormat nameFormat,
    List<Reference> references,
    List<Graph> graphs,
    int wave) {
  /** Wave of kinds whose profile names none: after templates, before squads and teams. */
  public static final int DEFAULT_WAVE = 35;


  /** Namespaced or cluster-scoped. */
  public enum Scope {
    NAMESPACED,
    CLUSTER
  }

  /** DNS-1123 subdomain (most kinds) or label (Namespace and a few others). */
  public enum NameFormat {
    SUBDOMAIN,
    LABEL
  }

  /**
   * A name that must resolve.
   *
   * @param path JSON pointer to the name; {@code *} matches any array index or map key
   * @param group API group of the targets; null means the referencing object's group
   * @param kinds target kinds, tried in order
   * @param namespaceSibling sibling field of the name that overrides the namespace, or null
   * @param allowNamespacePrefix whether the value may be written {@code namespace/name}
   */
  public record Reference(
      String path,
      String group,
      List<String> kinds,
      String namespaceSibling,
      boolean allowNamespacePrefix) {}

  /**
   * Named nodes inside one object and the edges between them.
   *
   * @param name what the nodes are called in messages, e.g. {@code teammates}
   * @param nodes pointer pattern selecting each node
   * @param id pointer, relative to a node, of its name
   * @param edges pointer patterns, relative to a node, of the names it depends on
   * @param acyclic whether a cycle is an error
   */
  public record Graph(String name, String nodes, String id, List<String> edges, boolean acyclic) {}

  private static final Profile DEFAULTS =
      new Profile(Scope.NAMESPACED, NameFormat.SUBDOMAIN, List.of(), List.of(), DEFAULT_WAVE);

  /** Namespaced, subdomain names, no references: what an unprofiled kind gets. */
  public static Profile defaults() {
    return DEFAULTS;
  }
}
