package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.Plan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inventory an apply records before its first write: the previous keys and every object Git
 * defines that the plan creates, takes over or finds live (refused and orphaned objects are not
 * ours and stay out). Stored first, it guarantees that a process killed at any point leaves no
 * object of this source outside the inventory, so the next apply prunes what Git dropped in
 * between. Keys of objects the kill kept from being created are harmless: an inventory key with
 * no live object is never a prune, and the next completed apply stores the exact set.
 */
final class Intent {
  private Intent() {}

  /**
   * {@code previous} with the keys of {@code plan}'s desired objects; revision, runs kept. When
   * it lists them all already, {@code previous} itself (nothing to store before the writes).
   *
   * @param in for each change of {@code plan}, whether {@code previous} lists its key
   */
  static Inventory of(Plan plan, Inventory previous, boolean[] in) {
    Set<ResourceKey> keys = null; // a copy, once a key is missing from previous
    List<Change> changes = plan.changes();
    for (int i = 0; i < in.length; i++) {
      Change c = changes.get(i);
      if (!in[i] && (c.action() == Action.CREATE || c.action() == Action.UPDATE
          || c.action() == Action.UNCHANGED)) {
        if (keys == null) {
          keys = new HashSet<>(previous.keys());
        }
        keys.add(c.key());
      }
    }
    return keys == null ? previous : previous.withKeys(keys);
  }
}
