package dev.roster.plan;

import static dev.roster.plan.FieldChange.Type.ADDED;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
import static dev.roster.plan.PlanFixtures.AGENT;
import static dev.roster.plan.PlanFixtures.AGENT_KEY;
import static dev.roster.plan.PlanFixtures.CM_KEY;
import static dev.roster.plan.PlanFixtures.NAMESPACE;
import static dev.roster.plan.PlanFixtures.NS_KEY;
import static dev.roster.plan.PlanFixtures.PLANNER;
import static dev.roster.plan.PlanFixtures.REPO;
import static dev.roster.plan.PlanFixtures.REV1;
import static dev.roster.plan.PlanFixtures.REV2;
import static dev.roster.plan.PlanFixtures.REV3;
import static dev.roster.plan.PlanFixtures.SOURCE;
import static dev.roster.plan.PlanFixtures.actions;
import static dev.roster.plan.PlanFixtures.appliedFields;
import static dev.roster.plan.PlanFixtures.appliedRev1;
import static dev.roster.plan.PlanFixtures.assertConverged;
import static dev.roster.plan.PlanFixtures.change;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.map;
import static dev.roster.plan.PlanFixtures.rev1;
import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.remove;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.Origin;
import dev.roster.plan.PlanFixtures.Applied;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner creating absent objects and updating changed ones: exact fields, a patch
 * guarded by resourceVersion, drift reverted, and applied-fields kept right.
 */
class PlannerCreateUpdateTest {

  // ------------------------------------------------------------------ create

  @Test
  void createWhenAbsentWithStampedObject() {
    DesiredObject cm = desired("prompts.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: prompts
          namespace: agents
          labels:
            roster.dev/source: someone-else
        data:
          a: "1"
        status:
          ignored: true
        """);
    Map<String, Object> before = Trees.copyMap(cm.object());
    Plan p = PLANNER.plan(List.of(cm), Map.of(), Inventory.empty(SOURCE), REV1);
    assertEquals(1, p.changes().size());
    Change c = p.changes().get(0);
    String fields = "{\"data\":{\"a\":{}},\"metadata\":{\"labels\":{"
        + "\"app.kubernetes.io/managed-by\":{},\"roster.dev/source\":{}}}}";
    Map<String, Object> stamped = new LinkedHashMap<>();
    stamped.put("apiVersion", "v1");
    stamped.put("kind", "ConfigMap");
    stamped.put("metadata", Map.of("name", "prompts", "namespace", "agents",
        "labels", Map.of("roster.dev/source", "prod", "app.kubernetes.io/managed-by", "roster"),
        "annotations", Map.of("roster.dev/revision", "rev1", "roster.dev/repo", REPO,
            "roster.dev/file", "prompts.yaml", "roster.dev/applied-fields", fields)));
    stamped.put("data", Map.of("a", "1"));
    assertEquals(Change.builder(CM_KEY, "v1", Action.CREATE).desired(stamped)
        .origin(new Origin("prompts.yaml", 0, 1, 1)).build(), c);
    assertTrue(c.writes());
    assertTrue(p.hasChanges());
    assertEquals(1, p.count(Action.CREATE));
    assertEquals(List.of(c), p.of(Action.CREATE));
    assertEquals(new Plan(SOURCE, "rev1", List.of(c), 0), p);
    assertEquals(before, cm.object(), "planning must not modify the desired object");
  }

  @Test
  void createWithoutOriginHasNoFileAnnotation() {
    Map<String, Object> object = yaml(NAMESPACE);
    DesiredObject d = new DesiredObject(NS_KEY, "v1", object, null);
    Change c = PLANNER.plan(List.of(d), Map.of(), Inventory.empty(SOURCE), REV1).changes().get(0);
    assertEquals(Action.CREATE, c.action());
    assertNull(c.origin());
    assertEquals(Set.of(Ownership.REVISION, Ownership.REPO, Ownership.APPLIED_FIELDS),
        map(c.desired(), "/metadata/annotations").keySet());
  }

  // ------------------------------------------------------------------ update

  @Test
  void updateCarriesExactFieldsAndPatchGuardedByResourceVersion() {
    Applied a = appliedRev1();
    Map<String, Object> live = a.cluster().get(AGENT_KEY);
    String rv = (String) map(live, "/metadata").get("resourceVersion");
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").put("image", "ghcr.io/acme/agent:2.0");
    rev2.set(1, desired("agents/coder.yaml", agent));

    Plan p = PLANNER.plan(rev2, a.cluster().live(), a.inventory(), REV2);
    assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED, Action.UNCHANGED, Action.UPDATE,
        Action.UNCHANGED, Action.UNCHANGED), actions(p));
    Change c = change(p, AGENT_KEY);
    assertEquals(List.of(new FieldChange("/spec/image", CHANGED, "ghcr.io/acme/agent:1.0",
        "ghcr.io/acme/agent:2.0")), c.fields());
    assertEquals(List.of(
        op("test", "/metadata/resourceVersion", rv),
        op("replace", "/spec/image", "ghcr.io/acme/agent:2.0"),
        op("add", "/metadata/annotations/roster.dev~1revision", "rev2")), c.patch());
    assertEquals("[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + rv
        + "\"},{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"ghcr.io/acme/agent:2.0\"},"
        + "{\"op\":\"add\",\"path\":\"/metadata/annotations/roster.dev~1revision\","
        + "\"value\":\"rev2\"}]", Trees.toJson(c.patch()),
        "the serialized patch is stable: op, path, value in that order");
    assertEquals(live, c.live());
    assertEquals("", c.reason());
    assertTrue(c.writes());
    assertEquals(1, p.count(Action.UPDATE));

    a.cluster().apply(p);
    assertConverged(a.cluster(), rev2, a.inventory(), REV2);
    Map<String, Object> after = a.cluster().get(AGENT_KEY);
    assertEquals("ghcr.io/acme/agent:2.0", Trees.at(after, "/spec/image"));
    assertEquals("rev2", map(after, "/metadata/annotations").get(Ownership.REVISION));
  }

  @Test
  void fieldRemovedFromGitIsRemovedAndAppliedFieldsRewritten() {
    Applied a = appliedRev1();
    String rv = (String) Trees.at(a.cluster().get(AGENT_KEY), "/metadata/resourceVersion");
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").remove("model");
    rev2.set(1, desired("agents/coder.yaml", agent));
    Plan p = PLANNER.plan(rev2, a.cluster().live(), a.inventory(), REV2);
    Change c = change(p, AGENT_KEY);
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of(new FieldChange("/spec/model", REMOVED, "claude", null)), c.fields());
    String fields = appliedFields(p, AGENT_KEY);
    assertFalse(fields.contains("model"));
    assertEquals(List.of(
        op("test", "/metadata/resourceVersion", rv),
        remove("/spec/model"),
        op("add", "/metadata/annotations/roster.dev~1revision", "rev2"),
        op("add", "/metadata/annotations/roster.dev~1applied-fields", fields)), c.patch());
    a.cluster().apply(p);
    assertConverged(a.cluster(), rev2, a.inventory(), REV2);
    assertEquals(Trees.MISSING, Trees.at(a.cluster().get(AGENT_KEY), "/spec/model"));
  }

  @Test
  void staleResourceVersionMakesThePatchFail() {
    Applied a = appliedRev1();
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").put("image", "ghcr.io/acme/agent:2.0");
    rev2.set(1, desired("agents/coder.yaml", agent));
    Plan p = PLANNER.plan(rev2, a.cluster().live(), a.inventory(), REV2);
    // someone writes between plan and apply
    a.cluster().edit(AGENT_KEY, List.of(op("add", "/metadata/labels/touched", "yes")));
    assertThrows(JsonPatch.PatchException.class, () -> a.cluster().apply(p));
  }

  @Test
  void handEditIsDriftRevertedWithoutRevisionChange() {
    Applied a = appliedRev1();
    a.cluster().edit(AGENT_KEY, List.of(op("replace", "/spec/image", "evil/agent:latest"),
        op("add", "/spec/extraPorts/0/port", 1234),
        op("add", "/metadata/labels/other.io~1owner", "ops"),
        op("add", "/spec/debug", true)));
    String rv = (String) Trees.at(a.cluster().get(AGENT_KEY), "/metadata/resourceVersion");
    Plan p = PLANNER.plan(rev1(), a.cluster().live(), a.inventory(), REV1);
    Change c = change(p, AGENT_KEY);
    assertEquals(Action.UPDATE, c.action());
    Object livePorts = Trees.at(a.cluster().get(AGENT_KEY), "/spec/extraPorts");
    assertEquals(json("{'l':[{'name':'metrics','port':1234,'protocol':'TCP'}]}").get("l"),
        livePorts);
    Object wantPorts = Trees.at(yaml(AGENT), "/spec/extraPorts");
    assertEquals(List.of(
        new FieldChange("/spec/image", CHANGED, "evil/agent:latest", "ghcr.io/acme/agent:1.0"),
        new FieldChange("/spec/extraPorts", CHANGED, livePorts, wantPorts)), c.fields());
    assertEquals(List.of(
        op("test", "/metadata/resourceVersion", rv),
        op("replace", "/spec/image", "ghcr.io/acme/agent:1.0"),
        op("replace", "/spec/extraPorts", wantPorts)), c.patch(),
        "same revision: no provenance ops");
    a.cluster().apply(p);
    assertConverged(a.cluster(), rev1(), a.inventory(), REV1);
    Map<String, Object> after = a.cluster().get(AGENT_KEY);
    assertEquals("ops", map(after, "/metadata/labels").get("other.io/owner"));
    assertEquals(true, Trees.at(after, "/spec/debug"));
  }

  @Test
  void appliedFieldsAloneChangingIsAnUpdateOfTheAnnotation() {
    Applied a = appliedRev1();
    Map<String, Object> live = a.cluster().get(AGENT_KEY);
    String rv = (String) Trees.at(live, "/metadata/resourceVersion");
    String oldFields = (String) map(live, "/metadata/annotations").get(Ownership.APPLIED_FIELDS);
    // Git now sets the port the server had defaulted: live already matches
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").put("port", 4096L);
    rev2.set(1, desired("agents/coder.yaml", agent));
    Plan p = PLANNER.plan(rev2, a.cluster().live(), a.inventory(), REV1);
    Change c = change(p, AGENT_KEY);
    String newFields = appliedFields(p, AGENT_KEY);
    assertTrue(newFields.contains("\"port\""));
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of(new FieldChange("/metadata/annotations/roster.dev~1applied-fields",
        CHANGED, oldFields, newFields)), c.fields());
    assertEquals(List.of(
        op("test", "/metadata/resourceVersion", rv),
        op("add", "/metadata/annotations/roster.dev~1applied-fields", newFields)), c.patch());
    a.cluster().apply(p);
    assertConverged(a.cluster(), rev2, a.inventory(), REV1);

    // and once Git owns the port, dropping it from Git removes it (the server re-defaults it)
    List<DesiredObject> rev3 = rev1();
    Plan p3 = PLANNER.plan(rev3, a.cluster().live(), a.inventory(), REV3);
    assertEquals(List.of(new FieldChange("/spec/port", REMOVED, 4096, null)),
        change(p3, AGENT_KEY).fields());
    a.cluster().apply(p3);
    assertConverged(a.cluster(), rev3, a.inventory(), REV3);
  }

  @Test
  void ownedObjectWithoutAnnotationsGetsThemBack() {
    Applied a = appliedRev1();
    a.cluster().edit(CM_KEY, List.of(remove("/metadata/annotations")));
    Plan p = PLANNER.plan(rev1(), a.cluster().live(), a.inventory(), REV1);
    Change c = change(p, CM_KEY);
    assertEquals(Action.UPDATE, c.action());
    Map<String, Object> annotations = map(c.desired(), "/metadata/annotations");
    assertEquals(List.of(new FieldChange("/metadata/annotations", ADDED, null, annotations)),
        c.fields());
    assertEquals(2, c.patch().size());
    assertEquals(op("add", "/metadata/annotations", annotations), c.patch().get(1));
    a.cluster().apply(p);
    assertConverged(a.cluster(), rev1(), a.inventory(), REV1);
  }

  @Test
  void unreadableAppliedFieldsNeverRemovesOnAGuess() {
    Applied a = appliedRev1();
    a.cluster().edit(AGENT_KEY, List.of(
        op("add", "/metadata/annotations/roster.dev~1applied-fields", "{not json")));
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").remove("model");
    rev2.set(1, desired("agents/coder.yaml", agent));
    Plan p = PLANNER.plan(rev2, a.cluster().live(), a.inventory(), REV1);
    Change c = change(p, AGENT_KEY);
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of(new FieldChange("/metadata/annotations/roster.dev~1applied-fields",
        CHANGED, "{not json", appliedFields(p, AGENT_KEY))), c.fields());
    a.cluster().apply(p);
    assertConverged(a.cluster(), rev2, a.inventory(), REV1);
    assertEquals("claude", Trees.at(a.cluster().get(AGENT_KEY), "/spec/model"));
  }
}
