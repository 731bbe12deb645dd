package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.PLANNER;
import static dev.roster.plan.PlanFixtures.REV1;
import static dev.roster.plan.PlanFixtures.REV2;
import static dev.roster.plan.PlanFixtures.appliedRev1;
import static dev.roster.plan.PlanFixtures.rev1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An UNCHANGED change the planner makes in full (no memo) carries the read-only compact stamp a
 * plan can keep from pass to pass: the same tree as stamping the object and setting its
 * applied-fields annotation, entry for entry and in the same order (compared as JSON text), and
 * live's applied-fields string itself rather than a copy.
 */
class UnchangedStampTest {

  @Test
  void unchangedObjectsCarryTheCompactStampInStampOrder() {
    PlanFixtures.Applied applied = appliedRev1();
    List<DesiredObject> desired = new ArrayList<>(rev1());
    Map<String, Object> withStatus = new java.util.LinkedHashMap<>(desired.get(0).object());
    withStatus.put("status", Map.of("phase", "Running"));
    desired.set(0, new DesiredObject(desired.get(0).key(), desired.get(0).apiVersion(),
        withStatus, desired.get(0).origin()));
    Map<ResourceKey, DesiredObject> byKey = new HashMap<>();
    desired.forEach(d -> byKey.put(d.key(), d));
    for (Planner.Options o : List.of(REV1, REV2)) {
      Plan plan = PLANNER.plan(desired, applied.cluster().live(), applied.inventory(), o);
      int unchanged = 0;
      for (Change c : plan.changes()) {
        if (c.action() != Action.UNCHANGED) {
          continue;
        }
        unchanged++;
        String live = applied.cluster().live().get(c.key()).annotation(Ownership.APPLIED_FIELDS);
        Map<String, Object> expected = Stamper.stamp(byKey.get(c.key()), o);
        Stamper.annotations(expected).put(Ownership.APPLIED_FIELDS, live);
        assertEquals(Trees.toJson(expected), Trees.toJson(c.desired()), c.key().toString());
        assertEquals(expected, c.desired());
        Object kept = Stamper.annotations(c.desired()).get(Ownership.APPLIED_FIELDS);
        assertEquals(true, kept == live, "live's applied-fields string, not a copy");
        assertThrows(UnsupportedOperationException.class, () -> c.desired().put("x", "y"));
      }
      assertEquals(o == REV1 ? desired.size() : unchanged, unchanged);
    }
  }

  @Test
  void anObjectWithoutOriginIsStampedWithoutAFile() {
    PlanFixtures.Applied applied = appliedRev1();
    DesiredObject d = rev1().get(3);
    DesiredObject noOrigin = new DesiredObject(d.key(), d.apiVersion(), d.object(), null);
    Plan plan = PLANNER.plan(List.of(noOrigin), applied.cluster().live(), applied.inventory(),
        REV1);
    Change c = PlanFixtures.change(plan, d.key());
    Map<String, Object> expected = Stamper.stamp(noOrigin, REV1);
    Object fields = Stamper.annotations(c.desired()).get(Ownership.APPLIED_FIELDS);
    Stamper.annotations(expected).put(Ownership.APPLIED_FIELDS, fields);
    assertEquals(Action.UNCHANGED, c.action());
    assertEquals(Trees.toJson(expected), Trees.toJson(c.desired()));
  }
}
