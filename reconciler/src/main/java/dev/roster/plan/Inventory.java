package dev.roster.plan;

import dev.roster.load.ResourceKey;
import java.util.Map;
import java.util.Set;

/**
 * What one source applied last time, as stored in the cluster. Prune candidates come only from
 * here, never from a label query (but for {@code roster apply --rebuild-inventory}, which adds
 * the objects labelled for the source that carry Roster's provenance).
 *
 * @param source the source name
 * @param revision the revision last applied, or empty
 * @param keys the objects
 * @param runs one-shot runs created, {@code key → "<spec hash> <rerun token>"} (see OneShots)
 * @param unlisted objects labelled for this source that were live, and neither listed here nor
 *     defined in Git, when this was stored (what a lost or emptied inventory left); while not
 *     zero, every plan looks for them again and warns, so they are never forgotten in silence
 */
public record Inventory(String source, String revision, Set<ResourceKey> keys,
    Map<ResourceKey, String> runs, int unlisted) {
  public Inventory {
    runs = runs == null ? Map.of() : Map.copyOf(runs);
  }

  /** An inventory with nothing unlisted. */
  public Inventory(String source, String revision, Set<ResourceKey> keys,
      Map<ResourceKey, String> runs) {
    this(source, revision, keys, runs, 0);
  }

  /** An inventory without runs. */
  public Inventory(String source, String revision, Set<ResourceKey> keys) {
    this(source, revision, keys, Map.of());
  }

  public static Inventory empty(String source) {
    return new Inventory(source, "", Set.of());
  }

  /** This inventory with {@code r}. */
  public Inventory withRuns(Map<ResourceKey, String> r) {
    return new Inventory(source, revision, keys, r, unlisted);
  }

  /** This inventory with {@code n} objects unlisted. */
  public Inventory withUnlisted(int n) {
    return new Inventory(source, revision, keys, runs, n);
  }

  /** This inventory with {@code other} keys (revision, runs and unlisted kept). */
  public Inventory withKeys(Set<ResourceKey> other) {
    return new Inventory(source, revision, Set.copyOf(other), runs, unlisted);
  }

  /** Whether storing {@code next} in place of this one would change what is stored. */
  public boolean differs(Inventory next) {
    return !next.keys.equals(keys) || !next.revision.equals(revision)
        || !next.runs.equals(runs) || next.unlisted != unlisted;
  }
}
