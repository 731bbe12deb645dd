package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.PointerIndex;
import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, after planning, which changes reach running agents now and which wait; pure: the plan,
 * the kinds' rollout profiles, related objects and the time are its only inputs.
 *
 * <p>Contract: for each UPDATE of a kind with a rollout profile, runtime-owned differences are
 * dropped, and the remaining fields are split into in-place and restart classes (most specific
 * profile prefix wins; unlisted fields follow {@code default}). A template or ConfigMap change is
 * restart-class only when it reaches objects (profile {@code reaches}); their work counts as its
 * own. Objects a change names through its profile's {@code waitsFor} (e.g. the agents a squad
 * adds) count too, read live when Git does not define them. Under {@code HotReload} everything goes now; under {@code Rollout} restart-class fields of
 * an object with work in flight are held (reason {@code WaitingForTasks}) until the work ends or
 * the hold is older than the timeout (then forced); under {@code Manual} they wait until the live
 * object carries {@code roster.dev/approve: <revision or commit prefix>}. In-place fields go now.
 * Held ops are left out of the patch (and the applied-fields record is kept as it is, so a held
 * removal is not forgotten); the hold's start is recorded on the live object in {@code
 * roster.dev/held-since} and removed on release. CREATE is never held. Holds are recomputed from
 * desired and live on every pass, so a newer commit replaces a held change and a revert cancels it.
 */
public final class RolloutGate {
  /** Lists the objects of a kind in a namespace (related objects such as Tasks). */
  public interface Lister {
    List<Map<String, Object>> list(String group, String kind, String namespace);
  }

  private final Function<ResourceKey, Profile.Rollout> profiles;
  private final RolloutPolicy.Mode defaultMode;

  /** @param profiles a kind's rollout profile, or null when it has none */
  public RolloutGate(Function<ResourceKey, Profile.Rollout> profiles) {
    this(profiles, RolloutPolicy.Mode.ROLLOUT);
  }

  /**
   * @param profiles a kind's rollout profile, or null when it has none
   * @param defaultMode the policy of objects without a {@code roster.dev/rollout} annotation
   */
  public RolloutGate(Function<ResourceKey, Profile.Rollout> profiles,
      RolloutPolicy.Mode defaultMode) {
    this.profiles = profiles;
    this.defaultMode = defaultMode == null ? RolloutPolicy.Mode.ROLLOUT : defaultMode;
  }

  public Plan apply(Plan plan, Lister related, Instant now) {
    Map<ResourceKey, Change> byKey = new HashMap<>();
    plan.changes().forEach(c -> byKey.put(c.key(), c));
    Activity activity = new Activity(profiles, byKey, related);
    List<Change> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      Profile.Rollout p = profiles.apply(c.key());
      out.add(p == null ? c : decide(RuntimeOwned.strip(c, p.runtimeOwned()), p, plan,
          byKey, activity, now));
    }
    return new Plan(plan.source(), plan.revision(), List.copyOf(out), plan.inventorySize());
  }

  private RolloutPolicy policy(Map<String, Object> desired) {
    return RolloutPolicy.of(desired, defaultMode);
  }

  private Change decide(Change c, Profile.Rollout p, Plan plan, Map<ResourceKey, Change> byKey,
      Activity activity, Instant now) {
    if (c.action() == Action.CREATE) {
      return c.withRollout(RolloutState.of(p.oneShot() ? RolloutState.Marker.NEW_RUN
          : RolloutState.Marker.NONE));
    }
    if (c.action() == Action.UNCHANGED && c.live() != null && holdRecorded(c)) {
      return release(c, RolloutState.NONE); // reverted in Git: the hold is cancelled
    }
    if (c.action() != Action.UPDATE) {
      return c;
    }
    List<ResourceKey> reached = reached(c, p, byKey);
    Set<String> restart = new HashSet<>();
    for (FieldChange f : c.fields()) {
      if (isRestart(f.pointer(), p) && (p.reaches().isEmpty() || !reached.isEmpty())) {
        restart.add(f.pointer());
      }
    }
    RolloutState.Marker marker = restart.isEmpty() ? RolloutState.Marker.IN_PLACE
        : p.oneShot() ? RolloutState.Marker.NEW_RUN : RolloutState.Marker.RESTART;
    List<String> names = reached.stream().map(RolloutGate::name).toList();
    RolloutState go = new RolloutState(marker, RolloutState.Hold.NONE, "", 0, null, null,
        List.of(), names);
    RolloutPolicy policy = policy(c.desired());
    if (restart.isEmpty() || policy.mode() == RolloutPolicy.Mode.HOT_RELOAD) {
      return release(c, go);
    }
    Instant since = since(c, now);
    if (policy.mode() == RolloutPolicy.Mode.MANUAL) {
      if (approved(Metadata.annotation(c.live(), Ownership.APPROVE), plan.revision())) {
        return release(c, go);
      }
      return hold(c, plan.revision(), restart, new RolloutState(marker,
          RolloutState.Hold.AWAITING_APPROVAL, "AwaitingApproval", 0, since, null,
          List.copyOf(restart), names));
    }
    int busy = activity.of(c.key());
    for (ResourceKey k : reached) {
      if (policy(byKey.get(k).desired()).mode() != RolloutPolicy.Mode.HOT_RELOAD) {
        busy += activity.of(k);
      }
    }
    busy += activity.waitsFor(c, p);
    if (busy == 0) {
      return release(c, go);
    }
    Instant deadline = since.plus(policy.timeout());
    if (!now.isBefore(deadline)) {
      return release(c, new RolloutState(marker, RolloutState.Hold.FORCED, "TimedOut", busy,
          since, deadline, List.of(), names));
    }
    return hold(c, plan.revision(), restart, new RolloutState(marker, RolloutState.Hold.HELD,
        "WaitingForTasks", busy, since, deadline, List.copyOf(restart), names));
  }

  /** Restart class: the most specific covering prefix decides; ties and containers restart. */
  static boolean isRestart(String pointer, Profile.Rollout p) {
    int bestRestart = best(pointer, p.restart());
    int bestInPlace = best(pointer, p.inPlace());
    if (bestRestart >= 0 || bestInPlace >= 0) {
      return bestRestart >= bestInPlace;
    }
    if (p.restart().stream().anyMatch(r -> Pointers.covers(pointer, r))) {
      return true; // a container of restart-class fields, replaced whole
    }
    return !p.defaultInPlace();
  }

  private static int best(String pointer, List<String> patterns) {
    int best = -1;
    for (String pat : patterns) {
      if (Pointers.covers(pat, pointer)) {
        best = Math.max(best, Pointers.depth(pat));
      }
    }
    return best;
  }

  /** Objects in the plan that name {@code c} through one of its profile's reaches. */
  private static List<ResourceKey> reached(Change c, Profile.Rollout p,
      Map<ResourceKey, Change> byKey) {
    List<ResourceKey> out = new ArrayList<>();
    for (Profile.Reach r : p.reaches()) {
      for (Change x : byKey.values()) {
        ResourceKey k = x.key();
        if (x.desired() == null || !k.group().equals(r.group()) || !k.kind().equals(r.kind())
            || !c.key().namespace().isEmpty() && !c.key().namespace().equals(k.namespace())) {
          continue;
        }
        if (Pointers.values(x.desired(), r.path()).contains(c.key().name()) && !out.contains(k)) {
          out.add(k);
        }
      }
    }
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  private static String name(ResourceKey k) {
    return k.kind() + "/" + (k.namespace().isEmpty() ? "" : k.namespace() + "/") + k.name();
  }

  static boolean approved(String approve, String revision) {
    if (approve == null || approve.isBlank()) {
      return false;
    }
    String a = approve.trim();
    int at = revision.indexOf("sha1:");
    String hash = at < 0 ? "" : revision.substring(at + 5);
    return a.equals(revision) || a.length() >= 7 && hash.startsWith(a);
  }

  private static boolean holdRecorded(Change c) {
    return Metadata.annotation(c.live(), Ownership.HELD_SINCE) != null
        || Metadata.annotation(c.live(), Ownership.HELD_REVISION) != null;
  }

  private static Instant since(Change c, Instant now) {
    String s = Metadata.annotation(c.live(), Ownership.HELD_SINCE);
    try {
      // Held-since is recorded to the second: it is shown to people and compared to hours.
      return s == null ? now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : Instant.parse(s);
    } catch (RuntimeException e) {
      return now;
    }
  }

  /** Everything goes; a recorded hold is removed with the same patch. */
  private static Change release(Change c, RolloutState state) {
    if (!holdRecorded(c)) {
      return c.withRollout(state);
    }
    List<Map<String, Object>> patch = new ArrayList<>(c.patch());
    List<FieldChange> fields = new ArrayList<>(c.fields());
    if (patch.isEmpty()) {
      patch.add(Differ.op("test", "/metadata/resourceVersion", resourceVersion(c)));
    }
    for (String a : List.of(Ownership.HELD_SINCE, Ownership.HELD_REVISION)) {
      if (Metadata.annotation(c.live(), a) != null) {
        String ptr = "/metadata/annotations/" + PointerIndex.escape(a);
        patch.add(Differ.op("remove", ptr, null));
        fields.add(new FieldChange(ptr, FieldChange.Type.REMOVED,
            Metadata.annotation(c.live(), a), null));
      }
    }
    return new Change(c.key(), c.apiVersion(), Action.UPDATE, c.desired(), c.live(),
        List.copyOf(fields), List.copyOf(patch), c.origin(), c.reason(), state);
  }

  /** In-place ops now, restart-class ops left out, the hold recorded live. */
  private static Change hold(Change c, String revision, Set<String> held, RolloutState state) {
    List<Map<String, Object>> patch = new ArrayList<>();
    String applied = "/metadata/annotations/" + PointerIndex.escape(Ownership.APPLIED_FIELDS);
    boolean writes = false;
    for (Map<String, Object> op : c.patch()) {
      String path = String.valueOf(op.get("path"));
      if ("test".equals(op.get("op"))) {
        patch.add(op);
      } else if (!held.contains(path) && !applied.equals(path)) {
        patch.add(op);
        writes |= !isProvenanceOp(path);
      }
    }
    boolean hasAnnotations = c.live().get("metadata") instanceof Map<?, ?> m
        && m.get("annotations") instanceof Map<?, ?>;
    Map<String, String> record = new java.util.LinkedHashMap<>();
    if (Metadata.annotation(c.live(), Ownership.HELD_SINCE) == null) {
      record.put(Ownership.HELD_SINCE, state.since().toString());
    }
    if (!revision.equals(Metadata.annotation(c.live(), Ownership.HELD_REVISION))) {
      record.put(Ownership.HELD_REVISION, revision);
    }
    if (!hasAnnotations && !record.isEmpty()) {
      patch.add(Differ.op("add", "/metadata/annotations", new java.util.LinkedHashMap<>(record)));
    } else {
      record.forEach((k, v) -> patch.add(
          Differ.op("add", "/metadata/annotations/" + PointerIndex.escape(k), v)));
    }
    writes |= !record.isEmpty();
    if (!writes) {
      patch.clear(); // nothing goes now and the hold is already recorded
    }
    return new Change(c.key(), c.apiVersion(), Action.UPDATE, c.desired(), c.live(), c.fields(),
        List.copyOf(patch), c.origin(), c.reason(), state);
  }

  private static boolean isProvenanceOp(String path) {
    String prefix = "/metadata/annotations/";
    return path.startsWith(prefix) && Ownership.isProvenance(
        PointerIndex.unescape(path.substring(prefix.length())));
  }

  private static String resourceVersion(Change c) {
    return c.live().get("metadata") instanceof Map<?, ?> m
        && m.get("resourceVersion") != null ? String.valueOf(m.get("resourceVersion")) : "";
  }

  /** Work in flight per object, computed once per object and related namespace. */
  private static final class Activity {
    private final Function<ResourceKey, Profile.Rollout> profiles;
    private final Map<ResourceKey, Change> byKey;
    private final Lister lister;
    private final Map<ResourceKey, Integer> memo = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> lists = new HashMap<>();

    Activity(Function<ResourceKey, Profile.Rollout> profiles, Map<ResourceKey, Change> byKey,
        Lister lister) {
      this.profiles = profiles;
      this.byKey = byKey;
      this.lister = lister;
    }

    int of(ResourceKey k) {
      return memo.computeIfAbsent(k, this::count);
    }

    /** Work of the objects {@code c}'s desired state names through {@code waitsFor}. */
    int waitsFor(Change c, Profile.Rollout p) {
      int n = 0;
      for (Profile.Reach r : p.waitsFor()) {
        for (Object name : Pointers.values(c.desired(), r.path())) {
          n += of(new ResourceKey(r.group(), r.kind(), c.key().namespace(), String.valueOf(name)));
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
      String listKey = w.group() + "/" + w.kind() + "/" + k.namespace();
      for (Map<String, Object> o : lists.computeIfAbsent(listKey,
          x -> lister.list(w.group(), w.kind(), k.namespace()))) {
        if (Pointers.values(o, "/metadata/labels/" + PointerIndex.escape(w.label()))
            .contains(k.name())) {
          n += Math.min(1, matches(o, w.path(), w.values()));
        }
      }
      return n;
    }

    private java.util.Optional<Map<String, Object>> live(ResourceKey k) {
      String listKey = k.group() + "/" + k.kind() + "/" + k.namespace();
      return lists.computeIfAbsent(listKey, x -> lister.list(k.group(), k.kind(), k.namespace()))
          .stream().filter(o -> Pointers.values(o, "/metadata/name").contains(k.name()))
          .findFirst();
    }

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
}
