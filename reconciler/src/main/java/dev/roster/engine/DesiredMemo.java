package dev.roster.engine;

import dev.roster.source.Snapshot;
import java.io.IOException;

/**
 * The desired state of the last tree, so the same tree (by the {@link
 * dev.roster.source.SourceTree#contentId} of its root) gives the same desired state instance at
 * once. {@link #none()} keeps nothing. Not thread-safe: one pass at a time, as serve's worker
 * runs them.
 */
final class DesiredMemo {
  private final boolean keeps;
  private String treeId;
  private DesiredState last;

  private DesiredMemo(boolean keeps) {
    this.keeps = keeps;
  }

  static DesiredMemo none() {
    return new DesiredMemo(false);
  }

  static DesiredMemo fresh() {
    return new DesiredMemo(true);
  }

  /** Whether this memo keeps anything (and so whether a loader may keep work between passes). */
  boolean keeps() {
    return keeps;
  }

  /** The id this memo knows {@code snapshot}'s tree by; null when it cannot tell or keeps none. */
  String idOf(Snapshot snapshot) {
    if (!keeps) {
      return null;
    }
    try {
      return snapshot.tree().contentId("");
    } catch (IOException e) {
      return null;
    }
  }

  /** The desired state of the tree {@code id} names when it was the last one, else null. */
  DesiredState same(String id) {
    return id != null && id.equals(treeId) ? last : null;
  }

  /** Remembers {@code desired} as the state of the tree {@code id}. */
  void remember(String id, DesiredState desired) {
    if (keeps) {
      treeId = id;
      last = desired;
    }
  }
}
