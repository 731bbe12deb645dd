package dev.roster.plan;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan's changes by key that also answers which of them name an object through a rollout
 * reach ({@link #referrers}), from an index kept with the changes instead of a scan of them all:
 * so that a ConfigMap or template change costs what names it, not the size of the plan.
 *
 * <p>Contract: {@link #referrers} answers exactly as a scan of {@link #values()} would ({@link
 * RolloutClassifier}'s rule); the index of a reach is built by one scan the first time it is
 * asked, then kept by {@link #put} and {@link #remove}, the only ways to change this map (its
 * views are read-only). Desired trees are read-only, so what a change names is read once. Not
 * thread-safe.
 */
public final class ChangesByKey extends AbstractMap<ResourceKey, Change> {
  private final Map<ResourceKey, Change> changes;
  /** Per reach: name named → referrer → the names it gives through that reach. */
  private final Map<Profile.Reach, Map<String, Map<ResourceKey, List<Pointers.Named>>>> indexes =
      new HashMap<>();

  public ChangesByKey() {
    this(16);
  }

  /** @param expected how many changes it will hold */
  public ChangesByKey(int expected) {
    this.changes = new HashMap<>(Math.max(16, expected * 2));
  }

  /** The changes of {@code plan} by key. */
  public static ChangesByKey of(Plan plan) {
    ChangesByKey out = new ChangesByKey(plan.changes().size());
    plan.changes().forEach(c -> out.put(c.key(), c));
    return out;
  }

  /**
   * The keys of the changes whose desired object names {@code target} through {@code r}: an
   * object of {@code r}'s kind whose names at {@code r}'s path include {@code target}'s name, in
   * {@code target}'s namespace (any namespace when {@code target} is cluster-scoped). Unordered.
   */
  public List<ResourceKey> referrers(ResourceKey target, Profile.Reach r) {
    Map<ResourceKey, List<Pointers.Named>> named = indexes.computeIfAbsent(r, this::build)
        .get(target.name());
    if (named == null) {
      return List.of();
    }
    List<ResourceKey> out = new ArrayList<>();
    named.forEach((k, names) -> {
      if (names.stream().anyMatch(n -> n.name().equals(target.name())
          && (target.namespace().isEmpty() || target.namespace().equals(n.namespace())))) {
        out.add(k);
      }
    });
    return out;
  }

  @Override
  public Change put(ResourceKey key, Change c) {
    Change old = changes.put(key, c);
    indexes.forEach((r, index) -> {
      unindex(index, key, old, r);
      index(index, key, c, r);
    });
    return old;
  }

  @Override
  public Change remove(Object key) {
    Change old = changes.remove(key);
    if (old != null) {
      indexes.forEach((r, index) -> unindex(index, old.key(), old, r));
    }
    return old;
  }

  @Override
  public Change get(Object key) {
    return changes.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return changes.containsKey(key);
  }

  @Override
  public int size() {
    return changes.size();
  }

  @Override
  public Collection<Change> values() {
    return Collections.unmodifiableCollection(changes.values());
  }

  @Override
  public Set<ResourceKey> keySet() {
    return Collections.unmodifiableSet(changes.keySet());
  }

  @Override
  public Set<Map.Entry<ResourceKey, Change>> entrySet() {
    return Collections.unmodifiableMap(changes).entrySet();
  }

  private Map<String, Map<ResourceKey, List<Pointers.Named>>> build(Profile.Reach r) {
    Map<String, Map<ResourceKey, List<Pointers.Named>>> index = new HashMap<>();
    changes.forEach((k, c) -> index(index, k, c, r));
    return index;
  }

  /** What {@code c}, the change of {@code key}, names through {@code r}; null when nothing. */
  private static List<Pointers.Named> names(ResourceKey key, Change c, Profile.Reach r) {
    if (c == null || c.desired() == null || !key.group().equals(r.group())
        || !key.kind().equals(r.kind())) {
      return null;
    }
    List<Pointers.Named> names = Pointers.named(c.desired(), r, key.namespace());
    return names.isEmpty() ? null : names;
  }

  private static void index(Map<String, Map<ResourceKey, List<Pointers.Named>>> index,
      ResourceKey key, Change c, Profile.Reach r) {
    List<Pointers.Named> names = names(key, c, r);
    if (names != null) {
      names.forEach(n -> index.computeIfAbsent(n.name(), x -> new HashMap<>(4)).put(key, names));
    }
  }

  private static void unindex(Map<String, Map<ResourceKey, List<Pointers.Named>>> index,
      ResourceKey key, Change old, Profile.Reach r) {
    List<Pointers.Named> names = names(key, old, r);
    if (names == null) {
      return;
    }
    for (Pointers.Named n : names) {
      Map<ResourceKey, List<Pointers.Named>> named = index.get(n.name());
      if (named != null) {
        named.remove(key);
        if (named.isEmpty()) {
          index.remove(n.name());
        }
      }
    }
  }
}
