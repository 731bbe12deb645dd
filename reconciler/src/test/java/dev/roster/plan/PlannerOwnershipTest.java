package dev.roster.plan;

import static dev.roster.plan.FieldChange.Type.ADDED;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
import static dev.roster.plan.PlanFixtures.CM_KEY;
import static dev.roster.plan.PlanFixtures.CONFIGMAP;
import static dev.roster.plan.PlanFixtures.PLANNER;
import static dev.roster.plan.PlanFixtures.REV1;
import static dev.roster.plan.PlanFixtures.SOURCE;
import static dev.roster.plan.PlanFixtures.assertConverged;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.map;
import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner refusing objects Roster does not own, and adopting them when Git asks.
 */
class PlannerOwnershipTest {

  // ------------------------------------------------------------------ ownership

  private static Map<String, Object> foreignConfigMap(String labels) {
    return json("""
        {'apiVersion':'v1','kind':'ConfigMap',
         'metadata':{'name':'prompts','namespace':'agents'%s},
         'data':{'system':'Old.','extra':'theirs'}}
        """.formatted(labels));
  }

  @Test
  void refusedWhenLiveIsNotOurs() {
    FakeCluster cluster = new FakeCluster();
    cluster.create(foreignConfigMap(""));
    DesiredObject cm = desired("prompts.yaml", CONFIGMAP);
    Plan p = PLANNER.plan(List.of(cm), cluster.live(), Inventory.empty(SOURCE), REV1);
    Change c = p.changes().get(0);
    assertEquals(Action.REFUSED, c.action());
    assertEquals("exists and is not managed by Roster; annotate it roster.dev/adopt: \"true\" in"
        + " Git to take it over", c.reason());
    assertEquals(List.of(), c.fields());
    assertEquals(List.of(), c.patch());
    assertEquals(cluster.get(CM_KEY), c.live());
    assertEquals("prod", map(c.desired(), "/metadata/labels").get(Ownership.SOURCE));
    assertFalse(c.writes());
    assertFalse(p.hasChanges());
    assertEquals(List.of(c), p.of(Action.REFUSED));
  }

  @Test
  void refusedWhenLabelledForAnotherSource() {
    FakeCluster cluster = new FakeCluster();
    cluster.create(foreignConfigMap(",'labels':{'roster.dev/source':'staging'}"));
    Plan p = PLANNER.plan(List.of(desired("prompts.yaml", CONFIGMAP)), cluster.live(),
        Inventory.empty(SOURCE), REV1);
    Change c = p.changes().get(0);
    assertEquals(Action.REFUSED, c.action());
    assertEquals("managed by Roster source 'staging'; not taken over", c.reason());
    assertEquals(List.of(), c.patch());
  }

  @Test
  void adoptAnnotationOtherThanTrueIsStillRefused() {
    FakeCluster cluster = new FakeCluster();
    cluster.create(foreignConfigMap(""));
    Map<String, Object> cm = yaml(CONFIGMAP);
    map(cm, "/metadata").put("annotations", Map.of(Ownership.ADOPT, "yes"));
    Plan p = PLANNER.plan(List.of(desired("prompts.yaml", cm)), cluster.live(),
        Inventory.empty(SOURCE), REV1);
    assertEquals(Action.REFUSED, p.changes().get(0).action());
  }

  @Test
  void adoptionTakesOverAnUnlabelledObject() {
    FakeCluster cluster = new FakeCluster();
    cluster.create(foreignConfigMap(""));
    String rv = (String) Trees.at(cluster.get(CM_KEY), "/metadata/resourceVersion");
    Map<String, Object> cm = yaml(CONFIGMAP);
    map(cm, "/metadata").put("annotations", new LinkedHashMap<>(Map.of(Ownership.ADOPT, "true")));
    List<DesiredObject> desired = List.of(desired("prompts.yaml", cm));
    Plan p = PLANNER.plan(desired, cluster.live(), Inventory.empty(SOURCE), REV1);
    Change c = p.changes().get(0);
    assertEquals(Action.UPDATE, c.action());
    Map<String, Object> labels = map(c.desired(), "/metadata/labels");
    Map<String, Object> annotations = map(c.desired(), "/metadata/annotations");
    assertEquals(Map.of(Ownership.MANAGED_BY, "roster", Ownership.SOURCE, "prod"), labels);
    assertEquals(Set.of(Ownership.ADOPT, Ownership.REVISION, Ownership.REPO, Ownership.FILE,
        Ownership.APPLIED_FIELDS), annotations.keySet());
    // Git wrote annotations and no labels: the stamped metadata has annotations first
    assertEquals(List.of(
        new FieldChange("/metadata/annotations", ADDED, null, annotations),
        new FieldChange("/metadata/labels", ADDED, null, labels),
        new FieldChange("/data/system", CHANGED, "Old.", "You are helpful."),
        new FieldChange("/data/review", ADDED, null, "Be strict.")), c.fields());
    assertEquals(List.of(
        op("test", "/metadata/resourceVersion", rv),
        op("add", "/metadata/annotations", annotations),
        op("add", "/metadata/labels", labels),
        op("replace", "/data/system", "You are helpful."),
        op("add", "/data/review", "Be strict.")), c.patch());
    Inventory inv = cluster.apply(p);
    assertConverged(cluster, desired, inv, REV1);
    assertEquals("theirs", Trees.at(cluster.get(CM_KEY), "/data/extra"),
        "adoption never removes what Git did not set");
  }

  @Test
  void adoptionTakesOverFromAnotherSource() {
    FakeCluster cluster = new FakeCluster();
    Map<String, Object> staging = foreignConfigMap(",'labels':{'roster.dev/source':'staging',"
        + "'app.kubernetes.io/managed-by':'roster'}");
    // staging's applied-fields say it set data.extra; that is no reason for prod to remove it
    map(staging, "/metadata").put("annotations", new LinkedHashMap<>(Map.of(
        Ownership.APPLIED_FIELDS, "{\"data\":{\"extra\":{},\"system\":{}}}",
        Ownership.REVISION, "s1")));
    cluster.create(staging);
    Map<String, Object> cm = yaml(CONFIGMAP);
    map(cm, "/metadata").put("annotations", new LinkedHashMap<>(Map.of(Ownership.ADOPT, "true")));
    List<DesiredObject> desired = List.of(desired("prompts.yaml", cm));
    Plan p = PLANNER.plan(desired, cluster.live(), Inventory.empty(SOURCE), REV1);
    Change c = p.changes().get(0);
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of(
        new FieldChange("/metadata/annotations/roster.dev~1adopt", ADDED, null, "true"),
        new FieldChange("/metadata/labels/roster.dev~1source", CHANGED, "staging", "prod"),
        new FieldChange("/data/system", CHANGED, "Old.", "You are helpful."),
        new FieldChange("/data/review", ADDED, null, "Be strict.")), c.fields());
    assertTrue(c.fields().stream().noneMatch(f -> f.type() == REMOVED),
        "another source's applied-fields are not ours to act on: " + c.fields());
    Inventory inv = cluster.apply(p);
    assertConverged(cluster, desired, inv, REV1);
    assertEquals("theirs", Trees.at(cluster.get(CM_KEY), "/data/extra"));
  }
}
