package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.PLANNER;
import static dev.roster.plan.PlanFixtures.REV1;
import static dev.roster.plan.PlanFixtures.SOURCE;
import static dev.roster.plan.PlanFixtures.actions;
import static dev.roster.plan.PlanFixtures.assertConverged;
import static dev.roster.plan.PlanFixtures.change;
import static dev.roster.plan.PlanFixtures.cmKey;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.keys;
import static dev.roster.plan.PlanFixtures.ownedConfigMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner's prune decisions: only what the inventory lists, Git dropped, and is still
 * live and ours is pruned; the rest is left in place.
 */
class PlannerPruneTest {

  // ------------------------------------------------------------------ prune

  @Test
  void pruneOnlyWhatIsInInventoryGoneFromGitLiveAndOurs() {
    FakeCluster cluster = new FakeCluster();
    cluster.create(ownedConfigMap("a-gone", "prod", "{}"));
    cluster.create(ownedConfigMap("b-prune-enabled", "prod", "{'roster.dev/prune':'enabled'}"));
    cluster.create(ownedConfigMap("c-other-source", "staging", "{}"));
    cluster.create(ownedConfigMap("d-unlabelled", null, "{}"));
    cluster.create(ownedConfigMap("e-prune-disabled", "prod", "{'roster.dev/prune':'disabled'}"));
    cluster.create(ownedConfigMap("f-not-in-inventory", "prod", "{}"));
    // g-kept stays in Git; h-already-gone is in the inventory but not live
    DesiredObject kept = desired("kept.yaml", ownedConfigMap("g-kept", null, "{}"));
    Inventory previous = new Inventory(SOURCE, "rev0", Set.of(
        cmKey("a-gone"), cmKey("b-prune-enabled"), cmKey("c-other-source"),
        cmKey("d-unlabelled"), cmKey("e-prune-disabled"), cmKey("g-kept"),
        cmKey("h-already-gone")));
    Plan p = PLANNER.plan(List.of(kept), cluster.live(), previous, REV1);

    assertEquals(List.of(cmKey("g-kept"), cmKey("e-prune-disabled"), cmKey("d-unlabelled"),
        cmKey("c-other-source"), cmKey("b-prune-enabled"), cmKey("a-gone")), keys(p));
    assertEquals(List.of(Action.CREATE, Action.ORPHANED, Action.ORPHANED, Action.ORPHANED,
        Action.PRUNE, Action.PRUNE), actions(p));
    assertEquals("roster.dev/prune: disabled; left in place",
        change(p, cmKey("e-prune-disabled")).reason());
    assertEquals("no longer labelled roster.dev/source=prod; left in place",
        change(p, cmKey("d-unlabelled")).reason());
    assertEquals("no longer labelled roster.dev/source=prod; left in place",
        change(p, cmKey("c-other-source")).reason());
    assertEquals("", change(p, cmKey("a-gone")).reason());
    for (Change c : p.changes().subList(1, p.changes().size())) {
      assertNull(c.desired());
      assertNull(c.origin());
      assertEquals("v1", c.apiVersion());
      assertEquals(cluster.get(c.key()), c.live());
      assertEquals(List.of(), c.fields());
      assertEquals(List.of(), c.patch());
      assertEquals(c.action() == Action.PRUNE, c.writes());
    }
    assertEquals(2, p.count(Action.PRUNE));
    assertEquals(3, p.count(Action.ORPHANED));
    assertEquals(7, p.inventorySize());

    Inventory next = cluster.apply(p);
    assertNull(cluster.get(cmKey("a-gone")));
    assertNull(cluster.get(cmKey("b-prune-enabled")));
    assertTrue(cluster.get(cmKey("c-other-source")) != null
        && cluster.get(cmKey("d-unlabelled")) != null
        && cluster.get(cmKey("e-prune-disabled")) != null
        && cluster.get(cmKey("f-not-in-inventory")) != null);
    assertConverged(cluster, List.of(kept), next, REV1);
  }

  @Test
  void nothingToPruneWithEmptyInventory() {
    FakeCluster cluster = new FakeCluster();
    cluster.create(ownedConfigMap("stray", "prod", "{}"));
    Plan p = PLANNER.plan(List.of(), cluster.live(), Inventory.empty(SOURCE), REV1);
    assertEquals(List.of(), p.changes());
    assertEquals(0, p.inventorySize());
    assertFalse(p.hasChanges());
  }
}
