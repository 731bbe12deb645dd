package dev.roster.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fields the platform writes at run time (profile {@code rollout.runtimeOwned}): set on create,
 * never a difference, never patched, never reverted as drift.
 */
public final class RuntimeOwned {
  private RuntimeOwned() {}

  /** {@code c} without differences under {@code owned}; UNCHANGED when nothing else differs. */
  public static Change strip(Change c, List<String> owned) {
    if (c.action() != Action.UPDATE || owned.isEmpty()) {
      return c;
    }
    List<FieldChange> fields = new ArrayList<>();
    for (FieldChange f : c.fields()) {
      if (!isOwned(f.pointer(), owned)) {
        fields.add(f);
      }
    }
    if (fields.size() == c.fields().size()) {
      return c;
    }
    List<Map<String, Object>> patch = new ArrayList<>();
    for (Map<String, Object> op : c.patch()) {
      if (!isOwned(String.valueOf(op.get("path")), owned) || "test".equals(op.get("op"))) {
        patch.add(op);
      }
    }
    String want = RolloutPolicy.annotation(c.desired(), Ownership.APPLIED_FIELDS);
    String have = RolloutPolicy.annotation(c.live(), Ownership.APPLIED_FIELDS);
    if (fields.isEmpty()) {
      if (Objects.equals(want, have)) {
        return c.toBuilder().action(Action.UNCHANGED).fields(List.of()).patch(List.of()).build();
      }
      fields.add(new FieldChange("/metadata/annotations/roster.dev~1applied-fields",
          FieldChange.Type.CHANGED, have, want));
    }
    return c.toBuilder().fields(List.copyOf(fields)).patch(List.copyOf(patch)).build();
  }

  private static boolean isOwned(String pointer, List<String> owned) {
    return owned.stream().anyMatch(p -> Pointers.covers(p, pointer));
  }
}
