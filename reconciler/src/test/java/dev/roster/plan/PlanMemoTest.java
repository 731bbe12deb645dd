package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.Trees.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.Origin;
import dev.roster.validate.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A kept UNCHANGED verdict is reused only while desired, origin, source and live are the same. */
class PlanMemoTest {
  private static final Planner PLANNER = new Planner(new KindOrder(SchemaCatalog.bundled()));
  private static final Planner.Options REV1 = new Planner.Options("prod", "rev1", "repo");
  private static final Planner.Options REV2 = new Planner.Options("prod", "rev2", "repo");
  private static final String CM = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: %s
        namespace: agents
      data:
        k: v
      """;

  private final PlanMemo memo = new PlanMemo();
  private final FakeCluster cluster = new FakeCluster();
  private final List<DesiredObject> desired = List.of(desired("a.yaml", CM.formatted("a")),
      desired("b.yaml", CM.formatted("b")));

  /** Plans with and without the memo; both must agree. */
  private Plan plan(List<DesiredObject> objects, Inventory inv, Planner.Options o) {
    Plan plain = PLANNER.plan(objects, cluster.live(), inv, o);
    Plan memoized = PLANNER.plan(objects, cluster.live(), inv, o, memo);
    assertEquals(plain, memoized);
    return memoized;
  }

  @Test
  void reusesVerdictsWhileNothingChangesWhateverTheRevision() {
    Inventory inv = cluster.apply(plan(desired, Inventory.empty("prod"), REV1));
    assertEquals(0, memo.hits());
    plan(desired, inv, REV1);
    assertEquals(2, memo.size());
    plan(desired, inv, REV2);
    assertEquals(2, memo.hits());
  }

  @Test
  void plansInFullWhenLiveDesiredOrOriginChanged() {
    Inventory inv = cluster.apply(plan(desired, Inventory.empty("prod"), REV1));
    plan(desired, inv, REV1);
    long hits = memo.hits();
    cluster.edit(desired.get(0).key(), List.of(op("replace", "/data/k", "edited")));
    Plan edited = plan(desired, inv, REV1);
    assertEquals(Action.UPDATE, edited.changes().get(0).action());
    assertEquals(hits + 1, memo.hits()); // b only
    assertEquals(1, memo.size()); // a is no longer unchanged
    long misses = memo.misses();
    DesiredObject sameContent = desired("b.yaml", CM.formatted("b"));
    plan(List.of(desired.get(0), sameContent), inv, REV1);
    assertEquals(misses + 2, memo.misses()); // another instance is not trusted
    DesiredObject moved = new DesiredObject(sameContent.key(), sameContent.apiVersion(),
        sameContent.object(), new Origin("moved.yaml", 0, 1, 1));
    Plan again = plan(List.of(desired.get(0), moved), inv, REV1);
    assertEquals(misses + 4, memo.misses());
    assertEquals(Action.UNCHANGED, again.changes().get(1).action());
  }
}
