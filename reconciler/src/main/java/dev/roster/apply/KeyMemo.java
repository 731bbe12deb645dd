package dev.roster.apply;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the apply of one source remembers of its last plan's keys, so that a pass whose plan has
 * the same keys in the same order (a one-file change, a pass with nothing new) hashes none of
 * them: whether the plan has twins ({@link #refuseTwins}), and which keys an inventory holds
 * ({@link #listed}). A plan with other keys, or another inventory key set, is checked in full.
 * {@link #none()} remembers nothing: the full path, every pass. Thread-safe.
 */
public final class KeyMemo {
  private final boolean remembers;
  private ResourceKey[] passed; // keys of the last plan without twins, in plan order
  private ResourceKey[] listedKeys; // keys whose membership in listedSet is listed
  private Set<ResourceKey> listedSet; // compared by identity
  private boolean[] listed;

  private KeyMemo(boolean remembers) {
    this.remembers = remembers;
  }

  /** Remembers nothing: every plan is checked in full. */
  public static KeyMemo none() {
    return new KeyMemo(false);
  }

  /** For many plans of one source (see the class contract). */
  public static KeyMemo remembering() {
    return new KeyMemo(true);
  }

  /**
   * Refuses, before any write, a plan with two changes for one object: their outcomes, counts
   * and inventory could not all be true (validation reports such twins first). Throws {@link
   * ApplyReason#DUPLICATE_OBJECT}.
   */
  public synchronized void refuseTwins(Plan plan) {
    List<Change> changes = plan.changes();
    if (passed != null && sameKeys(changes, passed)) {
      return; // the same keys as a plan without twins: none either
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
      passed = keys(changes);
    }
  }

  /**
   * For each change of {@code plan}, in order, whether {@code set} holds its key. The answer is
   * shared: callers must not change it.
   */
  public synchronized boolean[] listed(Plan plan, Set<ResourceKey> set) {
    List<Change> changes = plan.changes();
    if (listedSet == set && listedKeys != null && sameKeys(changes, listedKeys)) {
      return listed; // the same set instance, the same keys: the same answer
    }
    boolean[] in = new boolean[changes.size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = set.contains(changes.get(i).key());
    }
    if (remembers) {
      listedKeys = keys(changes);
      listedSet = set;
      listed = in;
    }
    return in;
  }

  private static ResourceKey[] keys(List<Change> changes) {
    ResourceKey[] keys = new ResourceKey[changes.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = changes.get(i).key();
    }
    return keys;
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
