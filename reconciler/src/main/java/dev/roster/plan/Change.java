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
    String reason) {

  /** Whether apply writes anything for this change. */
  public boolean writes() {
    return action == Action.CREATE || action == Action.UPDATE || action == Action.PRUNE;
  }
}
