package dev.roster.plan;

import dev.roster.load.PointerIndex;
import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Work in flight per object of one plan, by its kind's {@code activeWork} rule: a live field of
 * the object itself ({@code taskStatus: InProgress}), or related objects labelled with its name
 * (Tasks of an agent) whose field matches. An object Git does not define (an agent a squad adds
 * by name) is read live. Each object is counted once, and each related kind and namespace listed
 * once, per instance: make one per plan. Reads live state only through {@link Lister}; writes
 * nothing.
 */
public final class WorkInFlight {
  /** Lists the objects of a kind in a namespace (related objects such as Tasks). */
  public interface Lister {
    List<Map<String, Object>> list(String group, String kind, String namespace);
  }

  private final Function<ResourceKey, Profile.Rollout> profiles;
  private final Map<ResourceKey, Change> byKey;
  private final Lister lister;
  private final Map<ResourceKey, Integer> memo = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> lists = new HashMap<>();

  /**
   * @param profiles a kind's rollout profile, or null when it has none
   * @param byKey the plan's changes by key (their live objects are read first)
   * @param lister lists related and undefined objects
   */
  public WorkInFlight(Function<ResourceKey, Profile.Rollout> profiles,
      Map<ResourceKey, Change> byKey, Lister lister) {
    this.profiles = profiles;
    this.byKey = byKey;
    this.lister = lister;
  }

  /** Work in flight of {@code k}: 0 when its kind has no activeWork rule. */
  public int of(ResourceKey k) {
    return memo.computeIfAbsent(k, this::count);
  }

  /** Work of the objects {@code c}'s desired state names through its profile's waitsFor. */
  public int waitsFor(Change c, Profile.Rollout p) {
    int n = 0;
    for (Profile.Reach r : p.waitsFor()) {
      for (Pointers.Named name : Pointers.named(c.desired(), r, c.key().namespace())) {
        n += of(new ResourceKey(r.group(), r.kind(), name.namespace(), name.name()));
      }
    }
    return n;
  }

  /**
   * How many objects {@code c} adds by name through {@code j} (named in desired, not in live)
   * live, or created by this plan, and not yet in one of {@code j}'s states (an agent joining a
   * squad, awake). An object neither live nor planned does not count (the platform drops a name
   * that resolves to nothing).
   */
  public int notReady(Change c, Profile.Join j) {
    if (c.desired() == null) {
      return 0;
    }
    List<Pointers.Named> before = c.live() == null ? List.of()
        : Pointers.named(c.live(), j.reach(), c.key().namespace());
    int n = 0;
    for (Pointers.Named name : Pointers.named(c.desired(), j.reach(), c.key().namespace())) {
      if (before.contains(name)) {
        continue; // already in: not joining
      }
      ResourceKey k = new ResourceKey(j.reach().group(), j.reach().kind(), name.namespace(),
          name.name());
      Change planned = byKey.get(k);
      if (planned != null && planned.action() == Action.CREATE) {
        n++; // created by this plan: awake once it exists
        continue;
      }
      Optional<Map<String, Object>> o = planned != null && planned.live() != null
          ? Optional.of(planned.live()) : live(k);
      if (o.isPresent() && Pointers.values(o.get(), j.path()).stream()
          .noneMatch(v -> j.values().contains(String.valueOf(v)))) {
        n++;
      }
    }
    return n;
  }

  private int count(ResourceKey k) {
    Profile.Rollout p = profiles.apply(k);
    Change c = byKey.get(k);
    if (p == null || p.activeWork() == null) {
      return 0;
    }
    Profile.ActiveWork w = p.activeWork();
    if (w.kind() == null) {
      if (c == null) {
        // Not defined in Git (e.g. an agent a squad adds by name): its live object counts.
        return live(k).map(o -> matches(o, w.path(), w.values())).orElse(0);
      }
      return c.live() == null ? 0 : matches(c.live(), w.path(), w.values());
    }
    int n = 0;
    for (Map<String, Object> o : list(w.group(), w.kind(), k.namespace())) {
      if (Pointers.values(o, "/metadata/labels/" + PointerIndex.escape(w.label()))
          .contains(k.name())) {
        n += Math.min(1, matches(o, w.path(), w.values()));
      }
    }
    return n;
  }

  private Optional<Map<String, Object>> live(ResourceKey k) {
    return list(k.group(), k.kind(), k.namespace()).stream()
        .filter(o -> Pointers.values(o, "/metadata/name").contains(k.name())).findFirst();
  }

  private List<Map<String, Object>> list(String group, String kind, String namespace) {
    return lists.computeIfAbsent(group + "/" + kind + "/" + namespace,
        x -> lister.list(group, kind, namespace));
  }

  /** Values at {@code path} that are in {@code values}; a missing field counts as "". */
  private static int matches(Map<String, Object> o, String path, List<String> values) {
    List<Object> found = Pointers.values(o, path);
    if (found.isEmpty()) {
      return !path.contains("*") && values.contains("") ? 1 : 0;
    }
    int n = 0;
    for (Object v : found) {
      if (values.contains(v == null ? "" : String.valueOf(v))) {
        n++;
      }
    }
    return n;
  }
}
