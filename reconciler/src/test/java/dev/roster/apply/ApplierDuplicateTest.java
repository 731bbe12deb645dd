package dev.roster.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.validate.SchemaCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan with two changes for one object (what a default-namespace twin used to give) is refused
 * before any write: two creates of one ConfigMap once applied one and reported "0 created".
 */
class ApplierDuplicateTest {
  static DesiredObject configMap(String file, String value) {
    Map<String, Object> object = Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "cfg", "namespace", "default"), "data", Map.of("k", value));
    return new DesiredObject(new ResourceKey("", "ConfigMap", "default", "cfg"), "v1", object,
        new Origin(file, 0, 1, 1));
  }

  @Test
  void twoChangesForOneObjectAreRefusedBeforeAnyWrite() {
    KindOrder order = new KindOrder(SchemaCatalog.bundled());
    Plan plan = new Planner(order).plan(List.of(configMap("a.yaml", "one"),
        configMap("b.yaml", "two")), Map.of(), Inventory.empty("demo"),
        new Planner.Options("demo", "main@sha1:0", "file:///repo"));
    assertEquals(List.of(Action.CREATE, Action.CREATE),
        plan.changes().stream().map(c -> c.action()).toList());
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      cluster.requests().reset();
      Applier applier = new Applier(cluster.client(), new ResourceResolver(cluster.client()),
          order, (c, live) -> c);
      ApplyException e = assertThrows(ApplyException.class,
          () -> applier.apply(plan, new ApplyOptions(false, false, 0.25, 4)));
      assertEquals("DuplicateObject", e.reason());
      assertEquals("the plan changes ConfigMap default/cfg twice; nothing written (is it defined"
          + " twice in the repo?)", e.getMessage());
      assertEquals(0, cluster.requests().writes(), cluster.requests()::toString);
    }
  }
}
