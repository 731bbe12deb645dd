package dev.roster.plan;

import static dev.roster.plan.Trees.applied;
import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/** Shared fixtures for the differ tests: a desired Agent, its live counterpart, and a checker. */
final class DiffFixtures {
  private DiffFixtures() {}

  /** What Git has: an Agent as the loader parses it (Long numbers). */
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

  /**
   * What the cluster has after applying {@link #AGENT}: server metadata, status, a CRD default
   * ({@code port}), a defaulted field in a list item ({@code protocol}), {@code 1.0} for {@code 1},
   * and labels, annotations and fields other actors set.
   */
  static final String LIVE = """
      {'apiVersion':'kubeopencode.io/v1alpha1','kind':'Agent',
       'metadata':{'name':'coder','namespace':'agents','uid':'0b9a7c1e','resourceVersion':'42',
         'generation':3,'creationTimestamp':'2026-01-01T00:00:00Z',
         'managedFields':[{'manager':'roster','operation':'Update','fieldsV1':{'f:spec':{}}}],
         'labels':{'team':'core','tier':'gold','other.io/owner':'ops'},
         'annotations':{'roster.dev/x':'1','kubectl.kubernetes.io/restartedAt':'now'}},
       'spec':{'image':'ghcr.io/acme/agent:1.0','replicas':1.0,'model':'claude','port':4096,
         'extraPorts':[{'name':'metrics','port':9090,'protocol':'TCP'}],
         'resources':{'limits':{'cpu':'1','memory':'1Gi'},'requests':{'cpu':'100m'}}},
       'status':{'phase':'Ready','conditions':[{'type':'Ready','status':'True'}]}}
      """;

  static Map<String, Object> agent() {
    return yaml(AGENT);
  }

  static Map<String, Object> live() {
    return json(LIVE);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> tree, String pointer) {
    return (Map<String, Object>) Trees.at(tree, pointer);
  }

  /**
   * Diffs, checks the result is exactly {@code changes} and {@code patch}, applies the patch to
   * live and checks that diffing again, with the applied-fields the apply records, is empty.
   * Returns the patched live object.
   */
  static Map<String, Object> check(Map<String, Object> desired, Map<String, Object> live,
      Object applied, List<FieldChange> changes, List<Map<String, Object>> patch) {
    Map<String, Object> liveBefore = Trees.copyMap(live);
    Map<String, Object> desiredBefore = Trees.copyMap(desired);
    Differ.Result r = Differ.diff(desired, live, applied);
    assertEquals(changes, r.changes(), "field changes");
    assertEquals(patch, r.patch(), "patch");
    assertEquals(liveBefore, live, "diff must not modify live");
    assertEquals(desiredBefore, desired, "diff must not modify desired");
    assertEquals(r.changes().size(), r.patch().size(), "one op per field change");
    Map<String, Object> patched = JsonPatch.apply(live, r.patch());
    Differ.Result again = Differ.diff(desired, patched, applied(desired));
    assertEquals(List.of(), again.changes(), "converged: no changes after applying the patch");
    assertEquals(List.of(), again.patch(), "converged: no ops after applying the patch");
    return patched;
  }
}
