package dev.roster.plan;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import java.util.List;
import java.util.Map;

/**
 * The plan for one object.
 *
 * @param key identity
 * @param apiVersion API version to address it with
 * @param action what apply will do
 * @param desired the full object to create or the desired state (null for prune)
 * @param live the live object (null for create)
 * @param fields field-level differences (empty unless update)
 * @param patch JSON Patch for an update (first op tests resourceVersion); empty otherwise
 * @param origin where Git defines it (null for prune)
 * @param reason why it is refused or orphaned; empty otherwise
 * @param rollout how the change reaches a running agent and whether it is held
 *     ({@link RolloutState#NONE} for kinds without a rollout profile)
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
    RolloutState rollout) {

  public Change {
    rollout = rollout == null ? RolloutState.NONE : rollout;
  }

  /** A change with no rollout marker. */
  public Change(ResourceKey key, String apiVersion, Action action, Map<String, Object> desired,
      Map<String, Object> live, List<FieldChange> fields, List<Map<String, Object>> patch,
      Origin origin, String reason) {
    this(key, apiVersion, action, desired, live, fields, patch, origin, reason, RolloutState.NONE);
  }

  /** This change with another rollout marker. */
  public Change withRollout(RolloutState r) {
    return new Change(key, apiVersion, action, desired, live, fields, patch, origin, reason, r);
  }

  /** Whether apply writes anything for this change. */
  public boolean writes() {
    if (action == Action.UPDATE && patch.isEmpty() && rollout.waiting()) {
      return false; // wholly held, and the hold is already recorded live
    }
    return action == Action.CREATE || action == Action.UPDATE || action == Action.PRUNE;
  }
}
