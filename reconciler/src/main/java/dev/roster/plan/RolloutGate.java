package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.PointerIndex;
import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides, after planning, which changes reach running agents now and which wait; pure: the plan,
 * the kinds' rollout profiles, related objects and the time are its only inputs, and it writes
 * nothing.
 *
 * <p>Contract: for every change, differences under runtime-owned and ignored pointers are judged
 * three-way ({@link ThreeWay}): live-only ones are left alone and reported, Git's go on. Then each
 * UPDATE of a kind with a rollout profile is classified ({@link RolloutClassifier}). A template or ConfigMap change
 * counts the work of the objects it reaches as its own; objects a change names through its
 * profile's {@code waitsFor} (e.g. the agents a squad adds) count too ({@link WorkInFlight}).
 * Under {@code Immediate} everything goes now; under {@code Rollout} restart-class fields of an
 * object with work in flight are held (reason {@code WaitingForTasks}) until the work ends or the
 * hold is older than the timeout (then forced); under {@code Manual} they wait until the live
 * object carries {@code roster.dev/approve: <revision or commit prefix>}. In-place fields go now.
 * A hold is recorded on the live object ({@code roster.dev/held-since}, {@code
 * roster.dev/held-revision}) and removed on release: the gate states this as a {@link HoldRecord}
 * and apply writes it. CREATE is never held. Holds are recomputed from desired and live on every
 * pass, so a newer commit replaces a held change and a revert cancels it. A PRUNE is gated like
 * a restart-class change (work-aware prune): its own work and that of the objects it reaches hold
 * it, under the policy recorded on the live object; a held prune stays PRUNE, writes only its
 * hold record, and is deleted on release.
 *
 * <p>Every hold goes through {@link #gate}: a new reason to wait is a new {@link Waiting} (what
 * waits, why, and the work it waits for), not a new branch of the policy.
 */
public final class RolloutGate {
  /** Reason of a Rollout hold: work in flight. */
  public static final String WAITING_FOR_TASKS = "WaitingForTasks";
  /** Reason of a Manual hold. */
  public static final String AWAITING_APPROVAL = "AwaitingApproval";
  /** Reason of a Rollout hold released at its deadline. */
  public static final String TIMED_OUT = "TimedOut";

  private final Function<ResourceKey, Profile.Rollout> profiles;
  private final RolloutPolicy.Mode defaultMode;
  private final Function<ResourceKey, List<String>> ignores;

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
    this(profiles, defaultMode, k -> List.of());
  }

  /**
   * @param profiles a kind's rollout profile, or null when it has none
   * @param defaultMode the policy of objects without a {@code roster.dev/rollout} annotation
   * @param ignores the pointers a source ignores for an object's kind ({@code ignoreFields})
   */
  public RolloutGate(Function<ResourceKey, Profile.Rollout> profiles,
      RolloutPolicy.Mode defaultMode, Function<ResourceKey, List<String>> ignores) {
    this.profiles = profiles;
    this.defaultMode = defaultMode == null ? RolloutPolicy.Mode.ROLLOUT : defaultMode;
    this.ignores = ignores == null ? k -> List.of() : ignores;
  }

  /**
   * What of a change may wait, and for what.
   *
   * @param marker how the change reaches the agent
   * @param held the field pointers that wait
   * @param reached objects the change restarts ({@code Kind/ns/name})
   * @param work what it waits for under Rollout, counted only when the policy asks
   */
  private record Waiting(RolloutState.Marker marker, Set<String> held, List<String> reached,
      Supplier<Work> work) {

    RolloutState state(RolloutState.Hold hold, String why, int inFlight, Instant since,
        Instant deadline, List<String> heldPointers) {
      return new RolloutState(marker, hold, why, inFlight, since, deadline, heldPointers,
          reached);
    }
  }

  /**
   * What a change waits for under Rollout: {@code count} objects, the hold's {@code reason}
   * ({@code WaitingForTasks}, or a join's own reason such as {@code WaitingForSleep}).
   */
  private record Work(int count, String reason) {}

  public Plan apply(Plan plan, WorkInFlight.Lister related, Instant now) {
    return RolloutPolicy.warnHotReload(applyPart(plan, ChangesByKey.of(plan), related, now));
  }

  /**
   * The changes of {@code part} decided as {@link #apply} decides them within a whole plan whose
   * changes by key are {@code whole} (which holds {@code part}'s), without the plan's warnings.
   */
  public Plan applyPart(Plan part, Map<ResourceKey, Change> whole, WorkInFlight.Lister related,
      Instant now) {
    WorkInFlight work = new WorkInFlight(profiles, whole, related);
    List<Change> out = new ArrayList<>();
    for (Change c : part.changes()) {
      Profile.Rollout p = profiles.apply(c.key());
      List<String> ignored = ignores.apply(c.key());
      Change split = PlatformFields.split(c, p, ignored);
      Change decided = p == null ? split : decide(split, p, part.revision(), whole, work, now);
      out.add(effects(PlatformFields.record(decided, p, ignored), p));
    }
    return part.withChanges(out);
  }

  /** {@code c} with what writing its fields now does on the platform ({@code rollout.effects}). */
  static Change effects(Change c, Profile.Rollout p) {
    if (p == null || p.effects().isEmpty() || c.action() != Action.UPDATE) {
      return c;
    }
    List<String> held = c.rollout().waiting() ? c.rollout().heldPointers() : List.of();
    List<WriteEffect> out = new ArrayList<>();
    for (Profile.Effect e : p.effects()) {
      boolean written = c.fields().stream().map(FieldChange::pointer)
          .filter(f -> held.stream().noneMatch(h -> Pointers.covers(h, f)))
          .anyMatch(f -> Pointers.covers(e.path(), f) || Pointers.covers(f, e.path()));
      if (written) {
        out.add(new WriteEffect(e.path(), e.says()));
      }
    }
    return out.isEmpty() ? c : c.toBuilder().effects(out).build();
  }

  private RolloutPolicy policy(Map<String, Object> desired) {
    return RolloutPolicy.of(desired, defaultMode);
  }

  private Change decide(Change c, Profile.Rollout p, String revision,
      Map<ResourceKey, Change> byKey, WorkInFlight work, Instant now) {
    switch (c.action()) {
      case CREATE -> {
        return c.withRollout(RolloutState.of(RolloutClassifier.ofCreate(p)));
      }
      case UNCHANGED -> {
        // Reverted in Git: the hold is cancelled.
        return c.live() != null && holdRecorded(c) ? release(c, RolloutState.NONE) : c;
      }
      case UPDATE -> {
        if (c.rollout().marker() == RolloutState.Marker.RECREATE) {
          // A re-create: the whole change waits like a restart, then delete and create.
          return gate(c, whole(c, p, RolloutState.Marker.RECREATE, byKey, work), revision, now);
        }
        RolloutClassifier.Classified k = RolloutClassifier.classify(c, p, byKey);
        Waiting w = new Waiting(k.marker(), k.restart(), k.reachedNames(),
            () -> work(c, p, k.reached(), byKey, work));
        return k.restart().isEmpty() ? release(c, w.state(RolloutState.Hold.NONE, "", 0, null,
            null, List.of())) : gate(c, w, revision, now);
      }
      case PRUNE -> {
        // Work-aware prune: the object's own work and that of what it reaches.
        return gate(c, whole(c, p, RolloutState.Marker.NONE, byKey, work), revision, now);
      }
      default -> {
        return c;
      }
    }
  }

  /** The policy decision for what {@code w} says may wait. */
  private Change gate(Change c, Waiting w, String revision, Instant now) {
    RolloutState go = w.state(RolloutState.Hold.NONE, "", 0, null, null, List.of());
    // A prune's policy is the one Git last gave the object, recorded live.
    RolloutPolicy policy = policy(c.desired() != null ? c.desired() : c.live());
    if (policy.mode() == RolloutPolicy.Mode.IMMEDIATE) {
      return release(c, go);
    }
    Instant since = since(c, now);
    if (policy.mode() == RolloutPolicy.Mode.MANUAL) {
      if (approved(Metadata.annotation(c.live(), Ownership.APPROVE), revision)) {
        return release(c, go);
      }
      return hold(c, revision, w.state(RolloutState.Hold.AWAITING_APPROVAL, AWAITING_APPROVAL, 0,
          since, null, List.copyOf(w.held())));
    }
    Work busy = w.work().get();
    if (busy.count() == 0) {
      return release(c, go);
    }
    Instant deadline = since.plus(policy.timeout());
    if (!now.isBefore(deadline)) {
      return release(c, w.state(RolloutState.Hold.FORCED, TIMED_OUT, busy.count(), since,
          deadline, List.of()));
    }
    return hold(c, revision, w.state(RolloutState.Hold.HELD, busy.reason(), busy.count(), since,
        deadline, List.copyOf(w.held())));
  }

  /** A change that waits whole (a prune, a re-create): every field held, one decision. */
  private Waiting whole(Change c, Profile.Rollout p, RolloutState.Marker marker,
      Map<ResourceKey, Change> byKey, WorkInFlight work) {
    List<ResourceKey> reached = RolloutClassifier.reached(c, p, byKey);
    Set<String> held = new java.util.LinkedHashSet<>();
    c.fields().forEach(f -> held.add(f.pointer()));
    return new Waiting(marker, held, reached.stream().map(RolloutClassifier::name).toList(),
        () -> work(c, p, reached, byKey, work));
  }

  /**
   * What {@code c} waits for: objects it adds that are not yet in their join state (the join's
   * reason), else the work in flight it would disturb ({@link #WAITING_FOR_TASKS}).
   */
  private Work work(Change c, Profile.Rollout p, List<ResourceKey> reached,
      Map<ResourceKey, Change> byKey, WorkInFlight work) {
    for (Profile.Join j : p.joins()) {
      int n = work.notReady(c, j);
      if (n > 0) {
        return new Work(n, j.reason());
      }
    }
    return new Work(busy(c, p, reached, byKey, work), WAITING_FOR_TASKS);
  }

  /** Work of the object, of what it reaches (unless those go at once), and of its waitsFor. */
  private int busy(Change c, Profile.Rollout p, List<ResourceKey> reached,
      Map<ResourceKey, Change> byKey, WorkInFlight work) {
    int busy = work.of(c.key());
    for (ResourceKey k : reached) {
      if (policy(byKey.get(k).desired()).mode() != RolloutPolicy.Mode.IMMEDIATE) {
        busy += work.of(k);
      }
    }
    return busy + work.waitsFor(c, p);
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
      return s == null ? now.truncatedTo(ChronoUnit.SECONDS) : Instant.parse(s);
    } catch (RuntimeException e) {
      return now;
    }
  }

  /** Everything goes; a recorded hold is shown as removed fields and removed with the patch. */
  private static Change release(Change c, RolloutState state) {
    if (!holdRecorded(c) || c.action() == Action.PRUNE) { // a prune deletes the record too
      return c.withRollout(state);
    }
    List<FieldChange> fields = new ArrayList<>(c.fields());
    List<String> clear = new ArrayList<>();
    for (String a : List.of(Ownership.HELD_SINCE, Ownership.HELD_REVISION)) {
      String value = Metadata.annotation(c.live(), a);
      if (value != null) {
        clear.add(a);
        fields.add(new FieldChange(HoldRecord.ANNOTATIONS + PointerIndex.escape(a),
            FieldChange.Type.REMOVED, value, null));
      }
    }
    return c.toBuilder().action(Action.UPDATE).fields(List.copyOf(fields))
        .rollout(state.withRecord(new HoldRecord(Map.of(), clear))).build();
  }

  /** In-place fields go now, held ones wait; the hold is recorded live unless it already is. */
  private static Change hold(Change c, String revision, RolloutState state) {
    Map<String, String> record = new LinkedHashMap<>();
    if (Metadata.annotation(c.live(), Ownership.HELD_SINCE) == null) {
      record.put(Ownership.HELD_SINCE, state.since().toString());
    }
    if (!revision.equals(Metadata.annotation(c.live(), Ownership.HELD_REVISION))) {
      record.put(Ownership.HELD_REVISION, revision);
    }
    return c.toBuilder().action(c.action() == Action.PRUNE ? Action.PRUNE : Action.UPDATE)
        .rollout(state.withRecord(new HoldRecord(record, List.of()))).build();
  }
}
