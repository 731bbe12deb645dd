package dev.roster.plan;

import dev.roster.load.ResourceKey;
import java.util.Set;

/**
 * What one source applied last time, as stored in the cluster. Prune candidates come only from
 * here, never from a label query.
 *
 * @param source the source name
 * @param revision the revision last applied, or empty
 * @param keys the objects
 */
public record Inventory(String source, String revision, Set<ResourceKey> keys) {
  public static Inventory empty(String source) {
    return new Inventory(source, "", Set.of());
  }
}
