package dev.roster.engine;

import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.plan.DesiredObject;
import dev.roster.source.Snapshot;
import dev.roster.validate.RepoConfig;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The desired state of the last tree, and the object made from each of its manifests, so the same
 * tree (by the {@link dev.roster.source.SourceTree#contentId} of its root) gives the same desired
 * state at once and an unchanged manifest gives the same object instance. {@link #none()} keeps
 * nothing. Not thread-safe: one pass at a time, as serve's worker runs them.
 */
final class DesiredMemo {
  private final boolean keeps;
  private Map<Manifest, DesiredObject> objects = new IdentityHashMap<>();
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

  /** The object made from {@code m} in the last pass, or null. */
  DesiredObject earlier(Manifest m) {
    return objects.get(m);
  }

  /** Remembers the desired state made from {@code loaded} (objects in manifest order). */
  void remember(String id, LoadResult loaded, DesiredState desired) {
    if (!keeps) {
      return;
    }
    Map<Manifest, DesiredObject> made = new IdentityHashMap<>();
    int i = 0;
    for (Manifest m : loaded.manifests()) {
      if (!RepoConfig.is(m)) { // the repo config makes no object
        made.put(m, desired.objects().get(i++));
      }
    }
    objects = made;
    treeId = id;
    last = desired;
  }
}
