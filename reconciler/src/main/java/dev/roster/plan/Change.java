package dev.roster.plan;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan for one object. Build one with {@link #builder} (or {@link #toBuilder} to derive one):
 * every field is named, and those not set are empty.
 *
 * @param key identity
 * @param apiVersion API version to address it with
 * @param action what apply will do
 * @param desired the full object to create or the desired state (null for prune)
 * @param live the live object (null for create)
 * @param fields field-level differences (empty unless update)
 * @param patch JSON Patch for an update (first op tests resourceVersion) as the planner made it;
 *     empty otherwise. A held change sends only part of it, and its hold record with it (see
 *     {@link HoldRecord}); apply makes that patch.
 * @param origin where Git defines it (null for prune)
 * @param reason why it is refused or orphaned; empty otherwise
 * @param rollout how the change reaches a running agent and whether it is held
 *     ({@link RolloutState#NONE} for kinds without a rollout profile)
 * @param unwritten fields where Git and live differ that apply will not write now, each with its
 *     reason (held fields are added by {@link #notWritten()}); renderers show every one
 * @param effects what writing its fields does on the platform (profile {@code rollout.effects}),
 *     for an update that writes them; renderers show every one
 * @param health the object's state as its profile reads it from the live status ({@link
 *     ObjectHealth}), or null when there is nothing to say
 */
public record Change(
    ResourceKey key,
    String apiVersion,
    Action action,
    Map<String, Object> desired,
    Map<String, Object> live,
    List<FieldChange> fields,
    List<Map<String, Object>> patch,
    Origin origin,
    String reason,
    RolloutState rollout,
    List<Unwritten> unwritten,
    List<WriteEffect> effects,
    ObjectHealth health) {

  public Change {
    fields = fields == null ? List.of() : fields;
    patch = patch == null ? List.of() : patch;
    reason = reason == null ? "" : reason;
    rollout = rollout == null ? RolloutState.NONE : rollout;
    unwritten = unwritten == null ? List.of() : List.copyOf(unwritten);
    effects = effects == null ? List.of() : List.copyOf(effects);
  }

  /** A change of {@code action} to {@code key}, every other field empty until set. */
  public static Builder builder(ResourceKey key, String apiVersion, Action action) {
    return new Builder(key, apiVersion, action);
  }

  /** A builder holding this change's fields. */
  public Builder toBuilder() {
    return new Builder(key, apiVersion, action).desired(desired).live(live).fields(fields)
        .patch(patch).origin(origin).reason(reason).rollout(rollout).unwritten(unwritten).effects(effects)
        .health(health);
  }

  /** This change with {@code d} as its desired object, every other field the same. */
  public Change withDesired(Map<String, Object> d) {
    return new Change(key, apiVersion, action, d, live, fields, patch, origin, reason, rollout,
        unwritten, effects, health);
  }

  /** This change with another rollout marker. */
  public Change withRollout(RolloutState r) {
    return toBuilder().rollout(r).build();
  }

  /**
   * Whether the platform removed this object on purpose and Roster leaves it so (see {@link
   * OneShots}): unchanged, defined in Git, absent live.
   */
  public boolean completed() {
    return action == Action.UNCHANGED && desired != null && live == null;
  }

  /** Whether this is a prune held back by its rollout policy (the object is kept for now). */
  public boolean heldPrune() {
    return action == Action.PRUNE && rollout.waiting();
  }

  /**
   * Every field Git and live differ in that apply will not write now: {@link #unwritten} and then
   * the fields the rollout gate holds ({@link Unwritten.Reason#HELD}, detail the hold reason);
   * for a held prune, the whole object (pointer {@code ""}, {@link
   * Unwritten.Reason#HELD_PRUNE}, detail what it waits for).
   */
  public List<Unwritten> notWritten() {
    if (heldPrune()) {
      List<Unwritten> all = new ArrayList<>(unwritten);
      all.add(new Unwritten("", Unwritten.Reason.HELD_PRUNE, heldPruneDetail()));
      return List.copyOf(all);
    }
    if (!rollout.waiting() || rollout.heldPointers().isEmpty()) {
      return unwritten;
    }
    List<Unwritten> all = new ArrayList<>(unwritten);
    rollout.heldPointers().forEach(p -> all.add(new Unwritten(p, Unwritten.Reason.HELD,
        rollout.reason())));
    return List.copyOf(all);
  }

  /** Why a held prune waits, and until when. */
  private String heldPruneDetail() {
    String until = rollout.hold() == RolloutState.Hold.AWAITING_APPROVAL
        ? "deleted once approved (roster approve)"
        : "deleted once its work ends or the hold times out";
    String d = rollout.describe();
    return until + "; " + (d.startsWith("held: ") ? d.substring(6) : d);
  }

  /**
   * Whether apply deletes the object and creates it again from Git now (a change to fields the
   * platform reads only at creation that Git asked to re-create, not held).
   */
  public boolean recreates() {
    return action == Action.UPDATE && rollout.marker() == RolloutState.Marker.RECREATE
        && !rollout.waiting();
  }

  /** Whether apply writes anything for this change. */
  public boolean writes() {
    if ((action == Action.UPDATE || action == Action.PRUNE) && rollout.waiting()
        && !HoldRecord.sendsNow(this)) {
      return false; // wholly held, and the hold is already recorded live
    }
    return action == Action.CREATE || action == Action.UPDATE || action == Action.PRUNE;
  }

  /** Names every field of a {@link Change}. */
  public static final class Builder {
    private ResourceKey key;
    private String apiVersion;
    private Action action;
    private Map<String, Object> desired;
    private Map<String, Object> live;
    private List<FieldChange> fields = List.of();
    private List<Map<String, Object>> patch = List.of();
    private Origin origin;
    private String reason = "";
    private RolloutState rollout = RolloutState.NONE;
    private List<Unwritten> unwritten = List.of();
    private List<WriteEffect> effects = List.of();
    private ObjectHealth health;

    private Builder(ResourceKey key, String apiVersion, Action action) {
      this.key = key;
      this.apiVersion = apiVersion;
      this.action = action;
    }

    public Builder action(Action a) {
      this.action = a;
      return this;
    }

    public Builder desired(Map<String, Object> d) {
      this.desired = d;
      return this;
    }

    public Builder live(Map<String, Object> l) {
      this.live = l;
      return this;
    }

    public Builder fields(List<FieldChange> f) {
      this.fields = f;
      return this;
    }

    public Builder patch(List<Map<String, Object>> p) {
      this.patch = p;
      return this;
    }

    public Builder origin(Origin o) {
      this.origin = o;
      return this;
    }

    public Builder reason(String r) {
      this.reason = r;
      return this;
    }

    public Builder rollout(RolloutState r) {
      this.rollout = r;
      return this;
    }

    public Builder unwritten(List<Unwritten> u) {
      this.unwritten = u;
      return this;
    }

    public Builder effects(List<WriteEffect> e) {
      this.effects = e;
      return this;
    }

    public Builder health(ObjectHealth h) {
      this.health = h;
      return this;
    }

    public Change build() {
      return new Change(key, apiVersion, action, desired, live, fields, patch, origin, reason,
          rollout, unwritten, effects, health);
    }
  }
}
