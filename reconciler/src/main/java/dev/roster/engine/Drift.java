package dev.roster.engine;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.LiveObject;
import dev.roster.plan.ObjectHealth;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlatformFields;
import dev.roster.plan.Unwritten;
import dev.roster.validate.Profile;
import java.util.Collection;
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
 * it (status, Event) at once rather than at the next resync. So does a live change that alters
 * which fields Git and live differ in without Roster writing them (immutable, ignored,
 * platform-written: {@link Change#unwritten}), judged against what the last plan said ({@link
 * #seen}), so status and log name a hand edit of such a field at once. Thread-safe.
 */
final class Drift {
  private final Planner planner;
  private final Inventory none;
  private final Function<ResourceKey, Profile> profiles;
  private final Function<ResourceKey, List<String>> ignores;
  private final Map<ResourceKey, String> unhealthy = new ConcurrentHashMap<>();
  /** What a change leaves unwritten ({@link #signature}) when it leaves nothing. */
  private static final String NOTHING = "[]";

  private final Map<ResourceKey, String> unwritten = new ConcurrentHashMap<>();
  private final Map<ResourceKey, DesiredObject> wanted = new ConcurrentHashMap<>();
  private volatile Planner.Options options;

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
    java.util.Set<ResourceKey> keys = new java.util.HashSet<>();
    objects.forEach(d -> {
      keys.add(d.key());
      wanted.put(d.key(), d);
    });
    wanted.keySet().retainAll(keys);
    this.options = options;
  }

  /**
   * As {@link #wanted} for a plan that differs from the last one only in {@code changed} objects
   * (new or replaced) and {@code gone} keys (no longer defined).
   */
  void wantedPart(Collection<DesiredObject> changed, Collection<ResourceKey> gone,
      Planner.Options options) {
    changed.forEach(d -> wanted.put(d.key(), d));
    gone.forEach(wanted::remove);
    this.options = options;
  }

  /** The fields each change of the latest plan left unwritten, to judge later changes against. */
  void seen(Plan plan) {
    unwritten.clear();
    plan.changes().forEach(c -> note(c.key(), signature(c)));
  }

  /**
   * As {@link #seen} for a plan whose other changes leave the same fields unwritten as the last
   * one's: {@code changed} changes, and {@code gone} keys no longer in the plan.
   */
  void seenPart(Collection<Change> changed, Collection<ResourceKey> gone) {
    gone.forEach(unwritten::remove);
    changed.forEach(c -> note(c.key(), signature(c)));
  }

  /**
   * Keeps {@code sig} as what {@code key}'s change leaves unwritten and returns what was kept;
   * nothing ({@value #NOTHING}) is kept as no entry, since most changes leave nothing unwritten.
   */
  private String note(ResourceKey key, String sig) {
    String was = NOTHING.equals(sig) ? unwritten.remove(key) : unwritten.put(key, sig);
    return was == null ? NOTHING : was;
  }

  /** Pointer and reason of each field {@code c} leaves unwritten, holds aside. */
  private static String signature(Change c) {
    return c.unwritten().stream().filter(u -> u.reason() != Unwritten.Reason.HELD
        && u.reason() != Unwritten.Reason.HELD_PRUNE).map(u -> u.pointer() + " " + u.reason())
        .sorted().toList().toString();
  }

  /** Whether {@code live} (null: deleted) departs from what the latest plan wants. */
  boolean departs(ResourceKey key, LiveObject live) {
    Planner.Options o = options;
    DesiredObject d = o == null ? null : wanted.get(key);
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
    Change c = planner.plan(List.of(d), Map.of(key, live), none, o).changes().get(0);
    Profile.Rollout p = profile(key).rollout();
    List<String> ignored = ignores.apply(key);
    c = PlatformFields.record(PlatformFields.split(c, p, ignored), p, ignored);
    String sig = signature(c);
    return c.action() != Action.UNCHANGED || !sig.equals(note(key, sig));
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
