package dev.roster.plan;

import dev.roster.load.ResourceKey;
import java.util.Map;
import java.util.Set;

/**
 * What one source applied last time, as stored in the cluster. Prune candidates come only from
 * here, never from a label query.
 *
 * @param source the source name
 * @param revision the revision last applied, or empty
 * @param keys the objects
 * @param runs one-shot runs created, {@code key → "<spec hash> <rerun token>"} (see OneShots)
 */
public record Inventory(String source, String revision, Set<ResourceKey> keys,
    Map<ResourceKey, String> runs) {
  public Inventory {
    runs = runs == null ? Map.of() : Map.copyOf(runs);
  }

  /** An inventory without runs. */
  public Inventory(String source, String revision, Set<ResourceKey> keys) {
    this(source, revision, keys, Map.of());
  }

  public static Inventory empty(String source) {
    return new Inventory(source, "", Set.of());
  }

  /** This inventory with {@code runs}. */
  public Inventory withRuns(Map<ResourceKey, String> r) {
    return new Inventory(source, revision, keys, r);
  }
}
