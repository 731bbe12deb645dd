package dev.roster.plan;

import static dev.roster.plan.FieldChange.Type.ADDED;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
import static dev.roster.plan.PlanFixtures.AGENT;
import static dev.roster.plan.PlanFixtures.AGENT_KEY;
import static dev.roster.plan.PlanFixtures.CM_KEY;
import static dev.roster.plan.PlanFixtures.CONFIGMAP;
import static dev.roster.plan.PlanFixtures.NAMESPACE;
import static dev.roster.plan.PlanFixtures.NS_KEY;
import static dev.roster.plan.PlanFixtures.PLANNER;
import static dev.roster.plan.PlanFixtures.REV1;
import static dev.roster.plan.PlanFixtures.REV2;
import static dev.roster.plan.PlanFixtures.REV3;
import static dev.roster.plan.PlanFixtures.SOURCE;
import static dev.roster.plan.PlanFixtures.TASK;
import static dev.roster.plan.PlanFixtures.TASK_KEY;
import static dev.roster.plan.PlanFixtures.TEAM;
import static dev.roster.plan.PlanFixtures.TEAM_KEY;
import static dev.roster.plan.PlanFixtures.TEMPLATE;
import static dev.roster.plan.PlanFixtures.TEMPLATE_KEY;
import static dev.roster.plan.PlanFixtures.actions;
import static dev.roster.plan.PlanFixtures.appliedFields;
import static dev.roster.plan.PlanFixtures.appliedRev1;
import static dev.roster.plan.PlanFixtures.assertConverged;
import static dev.roster.plan.PlanFixtures.change;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.key;
import static dev.roster.plan.PlanFixtures.keys;
import static dev.roster.plan.PlanFixtures.map;
import static dev.roster.plan.PlanFixtures.rev1;
import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.remove;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import dev.roster.plan.PlanFixtures.Applied;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner's convergence property — after applying a plan, planning again finds nothing
 * to do — over a whole lifecycle, with provenance alone never a change, and planning pure.
 */
class PlannerConvergenceTest {

  // ------------------------------------------------------------------ convergence

  @Test
  void lifecycleConvergesAfterEveryApply() {
    FakeCluster cluster = new FakeCluster();
    Inventory inv = Inventory.empty(SOURCE);

    // rev1: everything is created, in apply order
    Plan p1 = PLANNER.plan(rev1(), cluster.live(), inv, REV1);
    assertEquals(List.of(NS_KEY, CM_KEY, TEMPLATE_KEY, AGENT_KEY, TEAM_KEY, TASK_KEY), keys(p1));
    assertEquals(Collections.nCopies(6, Action.CREATE), actions(p1));
    inv = cluster.apply(p1);
    assertEquals(4096, Trees.at(cluster.get(AGENT_KEY), "/spec/port"), "server defaulted");
    assertEquals("TCP", Trees.at(cluster.get(AGENT_KEY), "/spec/extraPorts/0/protocol"));
    assertConverged(cluster, rev1(), inv, REV1);
    assertConverged(cluster, rev1(), inv, REV2); // a new revision alone rewrites nothing

    // others touch the agent; someone edits the team by hand
    cluster.edit(AGENT_KEY, List.of(op("add", "/metadata/labels/other.io~1owner", "ops"),
        op("add", "/metadata/annotations/other.io~1note", "hi")));
    cluster.edit(TEAM_KEY, List.of(op("replace", "/spec/members", List.of("coder", "intruder"))));

    // rev2: many kinds of edit at once; t1 leaves Git, t2 arrives
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/metadata/labels").remove("tier");
    map(agent, "/metadata/annotations").put("example.com/owner", "platform");
    map(agent, "/spec").put("image", "ghcr.io/acme/agent:2.0");
    map(agent, "/spec").remove("model");
    map(agent, "/spec").put("extraPorts", yaml("l: [{name: metrics, port: 9090}, "
        + "{name: debug, port: 5005}]").get("l"));
    map(agent, "/spec").put("persistence", yaml("storage: {size: 1Gi}\n"));
    map(agent, "/spec/resources").remove("limits");
    map(agent, "/spec/resources").put("requests", yaml("cpu: 100m\n"));
    map(agent, "/spec").put("proxy", null);
    Map<String, Object> cm = yaml(CONFIGMAP);
    map(cm, "/data").remove("review");
    map(cm, "/data").put("summary", "Summarize.");
    Map<String, Object> t2 = yaml(TASK);
    map(t2, "/metadata").put("name", "t2");
    List<DesiredObject> rev2 = List.of(
        desired("tasks/t2.yaml", t2),
        desired("agents/coder.yaml", agent),
        desired("teams/core.yaml", TEAM),
        desired("namespaces.yaml", NAMESPACE),
        desired("templates/base.yaml", TEMPLATE),
        desired("prompts.yaml", cm));
    ResourceKey t2Key = key("kubeopencode.io", "Task", "agents", "t2");
    String cmRv = (String) Trees.at(cluster.get(CM_KEY), "/metadata/resourceVersion");

    Plan p2 = PLANNER.plan(rev2, cluster.live(), inv, REV2);
    assertEquals(List.of(NS_KEY, CM_KEY, TEMPLATE_KEY, AGENT_KEY, TEAM_KEY, t2Key, TASK_KEY),
        keys(p2));
    assertEquals(List.of(Action.UNCHANGED, Action.UPDATE, Action.UNCHANGED, Action.UPDATE,
        Action.UPDATE, Action.CREATE, Action.PRUNE), actions(p2));
    Change cmChange = change(p2, CM_KEY);
    assertEquals(List.of(
        new FieldChange("/data/summary", ADDED, null, "Summarize."),
        new FieldChange("/data/review", REMOVED, "Be strict.", null)), cmChange.fields());
    assertEquals(List.of(
        op("test", "/metadata/resourceVersion", cmRv),
        op("add", "/data/summary", "Summarize."),
        remove("/data/review"),
        op("add", "/metadata/annotations/roster.dev~1revision", "rev2"),
        op("add", "/metadata/annotations/roster.dev~1applied-fields",
            appliedFields(p2, CM_KEY))), cmChange.patch());
    assertEquals(List.of(
            "/metadata/labels/tier",
            "/metadata/annotations/example.com~1owner",
            "/spec/image",
            "/spec/extraPorts",
            "/spec/resources/requests",
            "/spec/resources/limits",
            "/spec/persistence",
            "/spec/model"),
        change(p2, AGENT_KEY).fields().stream().map(FieldChange::pointer).toList());
    assertEquals(List.of(new FieldChange("/spec/members", CHANGED, List.of("coder", "intruder"),
        List.of("coder"))), change(p2, TEAM_KEY).fields());
    Change prune = change(p2, TASK_KEY);
    assertNull(prune.desired());
    assertNull(prune.origin());
    assertEquals("kubeopencode.io/v1alpha1", prune.apiVersion());
    assertEquals(cluster.get(TASK_KEY), prune.live());
    assertEquals(6, p2.inventorySize());

    inv = cluster.apply(p2);
    assertNull(cluster.get(TASK_KEY), "pruned");
    Plan again = assertConverged(cluster, rev2, inv, REV2);
    assertEquals(List.of(NS_KEY, CM_KEY, TEMPLATE_KEY, AGENT_KEY, TEAM_KEY, t2Key),
        keys(again));

    Map<String, Object> live = cluster.get(AGENT_KEY);
    assertEquals(Map.of("team", "core", "other.io/owner", "ops",
        Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.SOURCE, SOURCE),
        map(live, "/metadata/labels"));
    assertEquals("hi", map(live, "/metadata/annotations").get("other.io/note"));
    assertEquals("platform", map(live, "/metadata/annotations").get("example.com/owner"));
    assertEquals(json("""
        {'templateRef':'base','image':'ghcr.io/acme/agent:2.0','replicas':1,
         'extraPorts':[{'name':'metrics','port':9090,'protocol':'TCP'},
                       {'name':'debug','port':5005,'protocol':'TCP'}],
         'resources':{'requests':{'cpu':'100m'}},'port':4096,
         'persistence':{'storage':{'size':'1Gi'}}}
        """), live.get("spec"));
    assertEquals(json("{'data':{'system':'You are helpful.','summary':'Summarize.'}}").get("data"),
        cluster.get(CM_KEY).get("data"));

    // rev3: Git unchanged, new revision: nothing is written
    assertConverged(cluster, rev2, inv, REV3);
  }

  // ------------------------------------------------------------------ provenance

  @Test
  void provenanceAloneDifferingIsUnchanged() {
    Applied a = appliedRev1();
    Planner.Options moved = new Planner.Options(SOURCE, "rev9", "https://mirror.example/x.git");
    List<DesiredObject> renamedFiles = rev1().stream()
        .map(d -> new DesiredObject(d.key(), d.apiVersion(), d.object(),
            new Origin("moved/" + d.origin().file(), 3, 7, 1)))
        .toList();
    Plan p = PLANNER.plan(renamedFiles, a.cluster().live(), a.inventory(), moved);
    assertEquals(Collections.nCopies(6, Action.UNCHANGED), actions(p));
    for (Change c : p.changes()) {
      assertEquals(List.of(), c.fields());
      assertEquals(List.of(), c.patch());
      assertEquals("rev9", map(c.desired(), "/metadata/annotations").get(Ownership.REVISION),
          "the desired object still carries the new provenance");
    }
    assertFalse(p.hasChanges());
    assertEquals(6, p.count(Action.UNCHANGED));
  }

  @Test
  void changedObjectGetsAllChangedProvenance() {
    Applied a = appliedRev1();
    Planner.Options moved = new Planner.Options(SOURCE, "rev9", "https://mirror.example/x.git");
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").put("replicas", 2L);
    rev2.set(1, desired("moved/coder.yaml", agent));
    Plan p = PLANNER.plan(rev2, a.cluster().live(), a.inventory(), moved);
    Change c = change(p, AGENT_KEY);
    assertEquals(List.of(new FieldChange("/spec/replicas", CHANGED, 1, 2L)), c.fields());
    assertEquals(List.of(
        op("replace", "/spec/replicas", 2L),
        op("add", "/metadata/annotations/roster.dev~1revision", "rev9"),
        op("add", "/metadata/annotations/roster.dev~1repo", "https://mirror.example/x.git"),
        op("add", "/metadata/annotations/roster.dev~1file", "moved/coder.yaml")),
        c.patch().subList(1, c.patch().size()));
    a.cluster().apply(p);
    Map<String, Object> ann = map(a.cluster().get(AGENT_KEY), "/metadata/annotations");
    assertEquals("moved/coder.yaml", ann.get(Ownership.FILE));
    assertEquals("rev9", ann.get(Ownership.REVISION));
    // the other objects kept their old provenance: they were not rewritten
    assertEquals("rev1", map(a.cluster().get(CM_KEY), "/metadata/annotations")
        .get(Ownership.REVISION));
    assertConverged(a.cluster(), rev2, a.inventory(), moved);
  }

  // ------------------------------------------------------------------ purity

  @Test
  void planningIsAPureFunctionOfItsInputs() {
    Applied a = appliedRev1();
    List<DesiredObject> rev2 = rev1();
    Map<String, Object> agent = yaml(AGENT);
    map(agent, "/spec").remove("model");
    map(agent, "/spec").put("image", "x");
    rev2.set(1, desired("agents/coder.yaml", agent));
    Map<ResourceKey, LiveObject> live = a.cluster().live();
    List<Map<String, Object>> desiredBefore = rev2.stream()
        .map(d -> Trees.copyMap(d.object())).toList();
    Map<ResourceKey, Map<String, Object>> liveBefore = new LinkedHashMap<>();
    live.forEach((k, v) -> liveBefore.put(k, Trees.copyMap(v.object())));

    Plan first = PLANNER.plan(rev2, live, a.inventory(), REV2);
    Plan second = PLANNER.plan(rev2, live, a.inventory(), REV2);
    assertEquals(first, second);
    assertEquals(Trees.toJson(first.changes().stream().map(Change::patch).toList()),
        Trees.toJson(second.changes().stream().map(Change::patch).toList()));
    assertEquals(desiredBefore, rev2.stream().map(DesiredObject::object).toList());
    live.forEach((k, v) -> assertEquals(liveBefore.get(k), v.object(), "live " + k));
  }
}
