package dev.roster.plan;

import static dev.roster.plan.FieldChange.Type.ADDED;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
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
import dev.roster.load.ResourceKey;
import dev.roster.validate.SchemaCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner against a stand-in cluster: actions, ownership, prune decisions, order, and the
 * convergence property — after applying a plan, planning again finds nothing to do.
 */
class PlannerTest {
  private static final Planner PLANNER = new Planner(new KindOrder(SchemaCatalog.bundled()));
  private static final String SOURCE = "prod";
  private static final String REPO = "https://git.example/agents.git";
  private static final Planner.Options REV1 = new Planner.Options(SOURCE, "rev1", REPO);
  private static final Planner.Options REV2 = new Planner.Options(SOURCE, "rev2", REPO);
  private static final Planner.Options REV3 = new Planner.Options(SOURCE, "rev3", REPO);

  private static final String NAMESPACE = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: agents
      """;
  private static final String CONFIGMAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: prompts
        namespace: agents
      data:
        system: You are helpful.
        review: Be strict.
      """;
  private static final String TEMPLATE = """
      apiVersion: kubeopencode.io/v1alpha1
      kind: AgentTemplate
      metadata:
        name: base
        namespace: agents
      spec:
        image: ghcr.io/acme/agent:1.0
      """;
  private static final String AGENT = """
      apiVersion: kubeopencode.io/v1alpha1
      kind: Agent
      metadata:
        name: coder
        namespace: agents
        labels:
          team: core
          tier: gold
        annotations:
          roster.dev/x: "1"
      spec:
        templateRef: base
        image: ghcr.io/acme/agent:1.0
        replicas: 1
        model: claude
        extraPorts:
          - name: metrics
            port: 9090
        resources:
          limits:
            cpu: "1"
            memory: 1Gi
      """;
  private static final String TEAM = """
      apiVersion: kagents.dev/v1alpha1
      kind: AgentTeam
      metadata:
        name: core
        namespace: agents
      spec:
        members: [coder]
      """;
  private static final String TASK = """
      apiVersion: kubeopencode.io/v1alpha1
      kind: Task
      metadata:
        name: t1
        namespace: agents
      spec:
        agentRef: coder
        prompt: Fix the build.
      """;

  // ------------------------------------------------------------------ helpers

  static DesiredObject desired(String file, Map<String, Object> object) {
    return new DesiredObject(FakeCluster.keyOf(object), String.valueOf(object.get("apiVersion")),
        object, new Origin(file, 0, 1, 1));
  }

  static DesiredObject desired(String file, String yaml) {
    return desired(file, yaml(yaml));
  }

  static ResourceKey key(String group, String kind, String ns, String name) {
    return new ResourceKey(group, kind, ns, name);
  }

  static final ResourceKey NS_KEY = key("", "Namespace", "", "agents");
  static final ResourceKey CM_KEY = key("", "ConfigMap", "agents", "prompts");
  static final ResourceKey TEMPLATE_KEY = key("kubeopencode.io", "AgentTemplate", "agents",
      "base");
  static final ResourceKey AGENT_KEY = key("kubeopencode.io", "Agent", "agents", "coder");
  static final ResourceKey TEAM_KEY = key("kagents.dev", "AgentTeam", "agents", "core");
  static final ResourceKey TASK_KEY = key("kubeopencode.io", "Task", "agents", "t1");

  static List<DesiredObject> rev1() {
    return new ArrayList<>(List.of(
        desired("tasks/t1.yaml", TASK),
        desired("agents/coder.yaml", AGENT),
        desired("teams/core.yaml", TEAM),
        desired("namespaces.yaml", NAMESPACE),
        desired("templates/base.yaml", TEMPLATE),
        desired("prompts.yaml", CONFIGMAP)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> tree, String pointer) {
    return (Map<String, Object>) Trees.at(tree, pointer);
  }

  static List<Action> actions(Plan p) {
    return p.changes().stream().map(Change::action).toList();
  }

  static List<ResourceKey> keys(Plan p) {
    return p.changes().stream().map(Change::key).toList();
  }

  static Change change(Plan p, ResourceKey key) {
    return p.changes().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
  }

  /** Plans again against the cluster and checks every object is UNCHANGED. */
  static Plan assertConverged(FakeCluster cluster, List<DesiredObject> desired,
      Inventory inventory, Planner.Options o) {
    Plan again = PLANNER.plan(desired, cluster.live(), inventory, o);
    for (Change c : again.changes()) {
      assertEquals(Action.UNCHANGED, c.action(), () -> c.key() + " not converged: " + c.fields());
      assertEquals(List.of(), c.fields());
      assertEquals(List.of(), c.patch());
    }
    assertEquals(desired.size(), again.changes().size());
    assertFalse(again.hasChanges());
    return again;
  }

  /** The applied-fields JSON of a desired object once stamped. */
  static String appliedFields(Plan p, ResourceKey key) {
    return (String) map(change(p, key).desired(), "/metadata/annotations")
        .get(Ownership.APPLIED_FIELDS);
  }

  /** The state after a first apply of rev1 and its inventory. */
  record Applied(FakeCluster cluster, Inventory inventory) {}

  static Applied appliedRev1() {
    FakeCluster cluster = new FakeCluster();
    Plan p = PLANNER.plan(rev1(), cluster.live(), Inventory.empty(SOURCE), REV1);
    return new Applied(cluster, cluster.apply(p));
  }

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
    assertEquals(new Change(CM_KEY, "v1", Action.CREATE, stamped, null, List.of(), List.of(),
        new Origin("prompts.yaml", 0, 1, 1), ""), c);
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

  // ------------------------------------------------------------------ prune

  private static Map<String, Object> ownedConfigMap(String name, String source,
      String annotations) {
    String labels = source == null ? "{}" : "{'roster.dev/source':'" + source + "'}";
    return json("""
        {'apiVersion':'v1','kind':'ConfigMap',
         'metadata':{'name':'%s','namespace':'agents','labels':%s,'annotations':%s},
         'data':{'k':'v'}}
        """.formatted(name, labels, annotations));
  }

  private static ResourceKey cmKey(String name) {
    return key("", "ConfigMap", "agents", name);
  }

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

  // ------------------------------------------------------------------ order

  @Test
  void applyOrderThenPrunesInReverse() {
    FakeCluster cluster = new FakeCluster();
    // objects Git no longer defines, of several kinds, all ours
    ResourceKey oldNs = cluster.create(json(
        "{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'old','labels':"
            + "{'roster.dev/source':'prod'}}}"));
    ResourceKey oldCm = cluster.create(ownedConfigMap("old", "prod", "{}"));
    ResourceKey oldTemplate = cluster.create(json(
        "{'apiVersion':'kubeopencode.io/v1alpha1','kind':'AgentTemplate','metadata':{'name':"
            + "'old','namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    ResourceKey oldAgent = cluster.create(json(
        "{'apiVersion':'kubeopencode.io/v1alpha1','kind':'Agent','metadata':{'name':'old',"
            + "'namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    ResourceKey oldTeam = cluster.create(json(
        "{'apiVersion':'kagents.dev/v1alpha1','kind':'AgentTeam','metadata':{'name':'old',"
            + "'namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    ResourceKey oldTask = cluster.create(json(
        "{'apiVersion':'kubeopencode.io/v1alpha1','kind':'Task','metadata':{'name':'old',"
            + "'namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    Inventory previous = new Inventory(SOURCE, "rev0",
        Set.of(oldNs, oldCm, oldTemplate, oldAgent, oldTeam, oldTask));

    List<DesiredObject> desired = rev1();
    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(desired, random);
      Plan p = PLANNER.plan(desired, cluster.live(), previous, REV1);
      assertEquals(List.of(NS_KEY, CM_KEY, TEMPLATE_KEY, AGENT_KEY, TEAM_KEY, TASK_KEY,
          oldTask, oldTeam, oldAgent, oldTemplate, oldCm, oldNs), keys(p));
      assertEquals(List.of("Namespace", "ConfigMap", "AgentTemplate", "Agent", "AgentTeam",
          "Task", "Task", "AgentTeam", "Agent", "AgentTemplate", "ConfigMap", "Namespace"),
          keys(p).stream().map(ResourceKey::kind).toList());
      assertEquals(6, p.count(Action.CREATE));
      assertEquals(6, p.count(Action.PRUNE));
    }
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
