package dev.roster.validate;

/**
 * Whether an object exists in the cluster, for references that nothing in Git resolves. Plan and
 * apply pass one (they have a cluster); {@code roster validate} has none, so such a reference
 * stays an error there unless roster.yaml or a profile accounts for it.
 */
@FunctionalInterface
public interface ClusterLookup {
  /**
   * True when the object exists live. {@code namespace} is as written in Git (empty: the object's
   * default namespace, or a cluster-scoped kind). Failures to ask propagate (the pass fails as
   * any other cluster read does).
   */
  boolean exists(String group, String kind, String namespace, String name);
}
