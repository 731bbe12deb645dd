package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.Plan;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inventory an apply records before its first write: the previous keys and every object the
 * plan will create or take over. Stored first, it guarantees that a process killed at any point
 * leaves no object of this source outside the inventory, so the next apply prunes what Git
 * dropped in between. Keys of objects the kill kept from being created are harmless: an
 * inventory key with no live object is never a prune, and the next apply's inventory is exact.
 */
final class Intent {
  private Intent() {}

  /** {@code previous} with the keys {@code plan} creates or adopts; revision and runs kept. */
  static Inventory of(Plan plan, Inventory previous) {
    Set<ResourceKey> keys = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    keys.addAll(previous.keys());
    for (Change c : plan.changes()) {
      if (c.action() == Action.CREATE || c.action() == Action.UPDATE) {
        keys.add(c.key());
      }
    }
    if (keys.size() == previous.keys().size()) {
      return previous;
    }
    return new Inventory(previous.source(), previous.revision(), Set.copyOf(keys),
        previous.runs());
  }
}
