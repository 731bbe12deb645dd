package dev.roster.apply;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses, before any write, a plan with two changes for one object: their outcomes, counts and
 * inventory could not all be true (validation reports such twins first). A guard made by {@link
 * #remembering()} keeps the keys of the last plan it passed, in plan order: a plan with the same
 * keys in the same order has no twins either, and is passed after one comparison per change
 * instead of a set of every key. {@link #none()} checks every plan in full. Thread-safe.
 */
public final class DuplicateGuard {
  private final boolean remembers;
  private ResourceKey[] passed; // keys of the last plan passed, in plan order; null: none

  private DuplicateGuard(boolean remembers) {
    this.remembers = remembers;
  }

  /** A guard that checks every plan in full. */
  public static DuplicateGuard none() {
    return new DuplicateGuard(false);
  }

  /** A guard for many plans of one source (see the class contract). */
  public static DuplicateGuard remembering() {
    return new DuplicateGuard(true);
  }

  /** Throws {@link ApplyReason#DUPLICATE_OBJECT} if {@code plan} changes an object twice. */
  public synchronized void check(Plan plan) {
    List<Change> changes = plan.changes();
    if (passed != null && sameKeys(changes, passed)) {
      return;
    }
    Set<ResourceKey> seen = new HashSet<>();
    for (Change c : changes) {
      if (!seen.add(c.key())) {
        throw new ApplyException(ApplyReason.DUPLICATE_OBJECT, "the plan changes "
            + c.key().kind() + " " + (c.key().namespace().isEmpty() ? ""
            : c.key().namespace() + "/") + c.key().name()
            + " twice; nothing written (is it defined twice in the repo?)");
      }
    }
    if (remembers) {
      ResourceKey[] keys = new ResourceKey[changes.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = changes.get(i).key();
      }
      passed = keys;
    }
  }

  private static boolean sameKeys(List<Change> changes, ResourceKey[] keys) {
    if (changes.size() != keys.length) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      ResourceKey k = changes.get(i).key();
      if (k != keys[i] && !k.equals(keys[i])) {
        return false;
      }
    }
    return true;
  }
}
