package dev.roster.plan;

import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import dev.roster.validate.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared fixtures for the planner tests: a planner, options for three revisions, one object of
 * each kind with its key, and helpers to plan, apply and check convergence against a
 * {@link FakeCluster}.
 */
final class PlanFixtures {
  private PlanFixtures() {}

  static final Planner PLANNER = new Planner(new KindOrder(SchemaCatalog.bundled()));
  static final String SOURCE = "prod";
  static final String REPO = "https://git.example/agents.git";
  static final Planner.Options REV1 = new Planner.Options(SOURCE, "rev1", REPO);
  static final Planner.Options REV2 = new Planner.Options(SOURCE, "rev2", REPO);
  static final Planner.Options REV3 = new Planner.Options(SOURCE, "rev3", REPO);

  static final String NAMESPACE = """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: agents
      """;
  static final String CONFIGMAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: prompts
        namespace: agents
      data:
        system: You are helpful.
        review: Be strict.
      """;
  static final String TEMPLATE = """
      apiVersion: kubeopencode.io/v1alpha1
      kind: AgentTemplate
      metadata:
        name: base
        namespace: agents
      spec:
        image: ghcr.io/acme/agent:1.0
      """;
  static final String AGENT = """
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
  static final String TEAM = """
      apiVersion: kagents.dev/v1alpha1
      kind: AgentTeam
      metadata:
        name: core
        namespace: agents
      spec:
        members: [coder]
      """;
  static final String TASK = """
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

  // ------------------------------------------------------------------ owned objects

  static Map<String, Object> ownedConfigMap(String name, String source,
      String annotations) {
    String labels = source == null ? "{}" : "{'roster.dev/source':'" + source + "'}";
    return json("""
        {'apiVersion':'v1','kind':'ConfigMap',
         'metadata':{'name':'%s','namespace':'agents','labels':%s,'annotations':%s},
         'data':{'k':'v'}}
        """.formatted(name, labels, annotations));
  }

  static ResourceKey cmKey(String name) {
    return key("", "ConfigMap", "agents", name);
  }
}
