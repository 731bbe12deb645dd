package dev.roster.load;

/**
 * Identity of an object in a cluster: API group (empty for core), kind, namespace (empty for
 * cluster-scoped kinds or when the repo leaves it to the apply-time default) and name.
 */
public record ResourceKey(String group, String kind, String namespace, String name) {

  /** {@code group/Kind/namespace/name}, with empty parts kept so the form is unambiguous. */
  @Override
  public String toString() {
    return group + "/" + kind + "/" + namespace + "/" + name;
  }

  /** {@code Kind/name}, the short form used in messages. */
  public String subject() {
    return kind + "/" + name;
  }
}
