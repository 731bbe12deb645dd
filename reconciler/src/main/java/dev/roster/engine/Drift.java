package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.LiveObject;
import dev.roster.plan.ObjectHealth;
import dev.roster.plan.Planner;
import dev.roster.plan.PlatformFields;
import dev.roster.validate.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tells drift from Roster's own writes: a live change departs from the last plan when a desired
 * object is deleted, or when planning it again against its new live state finds a difference
 * (fields Roster leaves to the platform aside: see {@link PlatformFields}). Roster's own creates and patches leave objects
 * equal to what Git wants, so they never count. Objects Git no longer wants are left to the next
 * pass (prune comes from the inventory). A desired object whose live status enters an unhealthy
 * state its profile names ({@link ObjectHealth}) also counts, once per entry, so serve records
 * it (status, Event) at once rather than at the next resync. Thread-safe.
 */
final class Drift {
  private record Wanted(Map<ResourceKey, DesiredObject> byKey, Planner.Options options) {}

  private final Planner planner;
  private final Inventory none;
  private final Function<ResourceKey, Profile> profiles;
  private final Function<ResourceKey, List<String>> ignores;
  private final Map<ResourceKey, String> unhealthy = new ConcurrentHashMap<>();
  private volatile Wanted wanted;

  /** @param profiles a kind's profile, or null when it has none */
  Drift(Planner planner, String source, Function<ResourceKey, Profile> profiles,
      Function<ResourceKey, List<String>> ignores) {
    this.planner = planner;
    this.ignores = ignores;
    this.none = Inventory.empty(source);
    this.profiles = profiles;
  }

  /** What the latest plan wants; later changes are judged against it. */
  void wanted(List<DesiredObject> objects, Planner.Options options) {
    Map<ResourceKey, DesiredObject> byKey = new HashMap<>();
    objects.forEach(d -> byKey.put(d.key(), d));
    wanted = new Wanted(byKey, options);
  }

  /** Whether {@code live} (null: deleted) departs from what the latest plan wants. */
  boolean departs(ResourceKey key, LiveObject live) {
    Wanted w = wanted;
    DesiredObject d = w == null ? null : w.byKey().get(key);
    if (d == null) {
      return false;
    }
    if (live == null) {
      unhealthy.remove(key);
      return true;
    }
    if (turnedUnhealthy(key, live)) {
      return true;
    }
    Change c = planner.plan(List.of(d), Map.of(key, live), none, w.options()).changes().get(0);
    Profile.Rollout p = profile(key).rollout();
    List<String> ignored = ignores.apply(key);
    c = PlatformFields.record(PlatformFields.split(c, p, ignored), p, ignored);
    return c.action() != Action.UNCHANGED;
  }

  private Profile profile(ResourceKey key) {
    Profile p = profiles.apply(key);
    return p == null ? Profile.defaults() : p;
  }

  /** Whether {@code live} is in an unhealthy state it was not in when last seen here. */
  private boolean turnedUnhealthy(ResourceKey key, LiveObject live) {
    ObjectHealth h = ObjectHealth.read(live.object(), profile(key).health());
    if (h == null || !h.unhealthy()) {
      unhealthy.remove(key);
      return false;
    }
    return !h.state().equals(unhealthy.put(key, h.state()));
  }
}
