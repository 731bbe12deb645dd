package dev.roster.kube;

import dev.roster.load.ResourceKey;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link LiveCache#version}, and what moved it: each move names the key it concerns (a watch
 * event, a read answered outside the informers' stores) or none (a doubt about everything: a
 * watch error, relist, reconnect, an informer started). The last {@value #KEPT} moves are kept, so
 * a reader can ask which keys moved since a version it saw; any doubt, or a version older than
 * what is kept, answers "unknown". Thread-safe.
 */
final class LiveJournal {
  /** Moves kept; a reader further behind than this is told "unknown". */
  static final int KEPT = 1 << 16;

  private final ResourceKey[] keys = new ResourceKey[KEPT];
  private final boolean[] doubts = new boolean[KEPT];
  private long version;

  /** The number of moves so far. */
  synchronized long version() {
    return version;
  }

  /** One move concerning {@code key}, or everything when {@code key} is null. */
  synchronized void moved(ResourceKey key) {
    int at = (int) (version % KEPT);
    keys[at] = key;
    doubts[at] = key == null;
    version++;
  }

  /**
   * The keys that moved after {@code since} (a value of {@link #version}), or null when that is
   * unknown: a doubt about everything since, or moves no longer kept.
   */
  synchronized Set<ResourceKey> since(long since) {
    if (since > version || version - since > KEPT) {
      return null;
    }
    Set<ResourceKey> out = new HashSet<>();
    for (long v = since; v < version; v++) {
      int at = (int) (v % KEPT);
      if (doubts[at]) {
        return null;
      }
      out.add(keys[at]);
    }
    return out;
  }
}
