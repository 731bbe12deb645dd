package dev.roster.plan;

import static dev.roster.plan.FieldChange.Type.ADDED;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
import static dev.roster.plan.Trees.applied;
import static dev.roster.plan.Trees.assertJsonEquals;
import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.remove;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three-way diff: quiet (server and foreign fields are not differences), exact (what Git
 * stopped setting is removed), and convergent (its patch, applied, leaves nothing to diff).
 */
class DifferTest {

  /** What Git has: an Agent as the loader parses it (Long numbers). */
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
  private static final String LIVE = """
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

  private static Map<String, Object> agent() {
    return yaml(AGENT);
  }

  private static Map<String, Object> live() {
    return json(LIVE);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> tree, String pointer) {
    return (Map<String, Object>) Trees.at(tree, pointer);
  }

  /**
   * Diffs, checks the result is exactly {@code changes} and {@code patch}, applies the patch to
   * live and checks that diffing again, with the applied-fields the apply records, is empty.
   * Returns the patched live object.
   */
  private static Map<String, Object> check(Map<String, Object> desired, Map<String, Object> live,
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

  // ---------------------------------------------------------------- quiet

  @Test
  void quietAboutServerMetadataStatusDefaultsAndOtherActors() {
    check(agent(), live(), applied(agent()), List.of(), List.of());
  }

  @Test
  void quietWithoutAppliedFields() {
    check(agent(), live(), null, List.of(), List.of());
  }

  @Test
  void quietWhenAppliedFieldsAreMalformed() {
    check(agent(), live(), "not a field set", List.of(), List.of());
    check(agent(), live(), List.of(), List.of(), List.of());
  }

  @Test
  void quietAboutDefaultedFieldInListItem() {
    Map<String, Object> live = live();
    map(live, "/spec/extraPorts/0").put("appProtocol", "http");
    check(agent(), live, applied(agent()), List.of(), List.of());
  }

  @Test
  void quietAboutStatusAndIdentityInDesired() {
    Map<String, Object> desired = agent();
    desired.put("status", json("{'phase':'Pending'}"));
    map(desired, "/metadata").put("uid", "other");
    map(desired, "/metadata").put("finalizers", List.of("x"));
    check(desired, live(), applied(agent()), List.of(), List.of());
  }

  @Test
  void quietAboutProvenanceAnnotations() {
    Map<String, Object> desired = agent();
    Map<String, Object> ann = map(desired, "/metadata/annotations");
    ann.put(Ownership.REVISION, "rev-2");
    ann.put(Ownership.REPO, "https://git.example/new.git");
    ann.put(Ownership.FILE, "agents/moved.yaml");
    ann.put(Ownership.APPLIED_FIELDS, "{\"new\":{}}");
    Map<String, Object> live = live();
    Map<String, Object> liveAnn = map(live, "/metadata/annotations");
    liveAnn.put(Ownership.REVISION, "rev-1");
    liveAnn.put(Ownership.REPO, "https://git.example/old.git");
    liveAnn.put(Ownership.FILE, "agents/coder.yaml");
    liveAnn.put(Ownership.APPLIED_FIELDS, "{\"old\":{}}");
    Differ.Result r = Differ.diff(desired, live, applied(agent()));
    assertEquals(List.of(), r.changes());
    assertEquals(List.of(), r.patch());
  }

  @Test
  void quietAboutEmptyMapGitNeverFilled() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("scheduling", json("{}"));
    Map<String, Object> live = live();
    map(live, "/spec").put("scheduling", json("{'nodeSelector':{'pool':'a'}}"));
    check(desired, live, applied(agent()), List.of(), List.of());
    check(desired, live, applied(desired), List.of(), List.of());
  }

  @Test
  void onlyTopLevelStatusAndServerMetadataAreIgnored() {
    // a field named status, uid or kind deeper down is an ordinary field
    Map<String, Object> previous = yaml("spec: {status: on, metadata: {uid: a}, kind: x}\n");
    Map<String, Object> desired = yaml("spec: {status: off, metadata: {}}\n");
    Map<String, Object> live = json("{'spec':{'status':true,'metadata':{'uid':'a'},'kind':'x'},"
        + "'status':{'a':1}}");
    check(desired, live, applied(previous),
        List.of(new FieldChange("/spec/status", CHANGED, true, false),
            new FieldChange("/spec/metadata/uid", REMOVED, "a", null),
            new FieldChange("/spec/kind", REMOVED, "x", null)),
        List.of(op("replace", "/spec/status", false), remove("/spec/metadata/uid"),
            remove("/spec/kind")));
  }

  @Test
  void numbersCompareByValue() {
    assertTrue(Differ.same(1L, 1.0, null));
    assertTrue(Differ.same(1L, 1, null));
    assertTrue(Differ.same(1.0, 1L, null));
    assertTrue(Differ.same(new BigDecimal("10.00"), 10, null));
    assertTrue(Differ.same(new BigInteger("18446744073709551615"),
        new BigDecimal("18446744073709551615.0"), null));
    assertFalse(Differ.same(new BigInteger("18446744073709551615"), Long.MAX_VALUE, null));
    assertTrue(Differ.same(0.1, 0.1, null));
    assertTrue(Differ.same(Double.NaN, Double.NaN, null));
    assertFalse(Differ.same(1L, 1.5, null));
    assertFalse(Differ.same(1L, "1", null));
    assertFalse(Differ.same("1", 1L, null));
    assertFalse(Differ.same(true, "true", null));
    assertFalse(Differ.same(1L, null, null));
    assertFalse(Differ.same(null, 1L, null));
    assertFalse(Differ.same(Double.POSITIVE_INFINITY, 1L, null));
    assertTrue(Differ.same(List.of(1L, 2L), List.of(1.0, 2), null));
    assertTrue(Differ.same(Map.of("a", List.of(Map.of("b", 1L))),
        Map.of("a", List.of(Map.of("b", 1.0, "c", "default"))), null));
  }

  @Test
  void numbersInDiffCompareByValue() {
    Map<String, Object> desired = yaml("spec: {replicas: 1, ratio: 0.5, big: 10}\n");
    Map<String, Object> live = json("{'spec':{'replicas':1.0,'ratio':0.50,'big':10.0}}");
    check(desired, live, applied(desired), List.of(), List.of());
  }

  // ---------------------------------------------------------------- exact

  @Test
  void fieldRemovedFromGitThatGitSetIsRemoved() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").remove("model");
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(new FieldChange("/spec/model", REMOVED, "claude", null)),
        List.of(remove("/spec/model")));
    Map<String, Object> expected = live();
    map(expected, "/spec").remove("model");
    assertEquals(expected, patched, "only spec.model is gone; defaults, status, metadata stay");
  }

  @Test
  void fieldGitNeverSetIsLeftAlone() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").remove("model");
    // Git never set spec.model: someone else did
    Map<String, Object> patched = check(desired, live(), applied(desired), List.of(), List.of());
    assertEquals("claude", Trees.at(patched, "/spec/model"));
  }

  @Test
  void removedFieldAlreadyGoneLiveIsNoChange() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").remove("model");
    Map<String, Object> live = live();
    map(live, "/spec").remove("model");
    check(desired, live, applied(agent()), List.of(), List.of());
  }

  @Test
  void nestedFieldRemovedWhileSiblingsStay() {
    Map<String, Object> desired = agent();
    map(desired, "/spec/resources/limits").remove("memory");
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(new FieldChange("/spec/resources/limits/memory", REMOVED, "1Gi", null)),
        List.of(remove("/spec/resources/limits/memory")));
    assertEquals(json("{'limits':{'cpu':'1'},'requests':{'cpu':'100m'}}"),
        Trees.at(patched, "/spec/resources"));
  }

  @Test
  void mapRemovedFromGitIsRemovedWholeWhenOnlyGitFilledIt() {
    Map<String, Object> previous = agent();
    map(previous, "/spec").put("persistence", json("{'storage':{'size':'1Gi'}}"));
    Map<String, Object> live = live();
    map(live, "/spec").put("persistence", json("{'storage':{'size':'1Gi'}}"));
    Map<String, Object> patched = check(agent(), live, applied(previous),
        List.of(new FieldChange("/spec/persistence", REMOVED,
            json("{'storage':{'size':'1Gi'}}"), null)),
        List.of(remove("/spec/persistence")));
    assertEquals(Trees.MISSING, Trees.at(patched, "/spec/persistence"),
        "no empty persistence: {} left behind");
  }

  @Test
  void mapRemovedFromGitKeepsWhatOthersSetInIt() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").remove("resources");
    // limits were all Git's; requests were added by someone else
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(new FieldChange("/spec/resources/limits", REMOVED,
            json("{'cpu':'1','memory':'1Gi'}"), null)),
        List.of(remove("/spec/resources/limits")));
    assertEquals(json("{'requests':{'cpu':'100m'}}"), Trees.at(patched, "/spec/resources"));
  }

  @Test
  void mapEmptiedInGitRemovesOnlyGitKeys() {
    Map<String, Object> previous = agent();
    map(previous, "/spec").put("env", json("{'A':'1'}"));
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("env", json("{}"));
    Map<String, Object> live = live();
    map(live, "/spec").put("env", json("{'A':'1','INJECTED':'by-webhook'}"));
    Map<String, Object> patched = check(desired, live, applied(previous),
        List.of(new FieldChange("/spec/env/A", REMOVED, "1", null)),
        List.of(remove("/spec/env/A")));
    assertEquals(json("{'INJECTED':'by-webhook'}"), Trees.at(patched, "/spec/env"));
  }

  @Test
  void mapEmptiedInGitLeavesTheEmptyMapGitAsksFor() {
    Map<String, Object> previous = agent();
    map(previous, "/spec").put("env", json("{'A':'1'}"));
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("env", json("{}"));
    Map<String, Object> live = live();
    map(live, "/spec").put("env", json("{'A':'1'}"));
    Map<String, Object> patched = check(desired, live, applied(previous),
        List.of(new FieldChange("/spec/env/A", REMOVED, "1", null)),
        List.of(remove("/spec/env/A")));
    assertEquals(json("{}"), Trees.at(patched, "/spec/env"));
  }

  @Test
  void listItemRemovedReplacesTheList() {
    Map<String, Object> previous = agent();
    @SuppressWarnings("unchecked")
    List<Object> ports = (List<Object>) Trees.at(previous, "/spec/extraPorts");
    ports.add(yaml("name: debug\nport: 5005\n"));
    Map<String, Object> live = live();
    map(live, "/spec").put("extraPorts", json(
        "{'l':[{'name':'metrics','port':9090,'protocol':'TCP'},"
            + "{'name':'debug','port':5005,'protocol':'TCP'}]}").get("l"));
    Map<String, Object> desired = agent();
    Map<String, Object> patched = check(desired, live, applied(previous),
        List.of(new FieldChange("/spec/extraPorts", CHANGED, Trees.at(live, "/spec/extraPorts"),
            Trees.at(desired, "/spec/extraPorts"))),
        List.of(op("replace", "/spec/extraPorts", Trees.at(desired, "/spec/extraPorts"))));
    assertJsonEquals(json("{'l':[{'name':'metrics','port':9090}]}").get("l"),
        Trees.at(patched, "/spec/extraPorts"));
  }

  @Test
  void listItemAddedReplacesTheList() {
    Map<String, Object> desired = agent();
    @SuppressWarnings("unchecked")
    List<Object> ports = (List<Object>) Trees.at(desired, "/spec/extraPorts");
    ports.add(yaml("name: debug\nport: 5005\n"));
    Map<String, Object> live = live();
    check(desired, live, applied(agent()),
        List.of(new FieldChange("/spec/extraPorts", CHANGED, Trees.at(live, "/spec/extraPorts"),
            ports)),
        List.of(op("replace", "/spec/extraPorts", ports)));
  }

  @Test
  void listItemFieldGitSetAndRemovedReplacesTheList() {
    Map<String, Object> previous = agent();
    map(previous, "/spec/extraPorts/0").put("hostPort", 19090L);
    Map<String, Object> live = live();
    map(live, "/spec/extraPorts/0").put("hostPort", 19090);
    Map<String, Object> desired = agent();
    check(desired, live, applied(previous),
        List.of(new FieldChange("/spec/extraPorts", CHANGED, Trees.at(live, "/spec/extraPorts"),
            Trees.at(desired, "/spec/extraPorts"))),
        List.of(op("replace", "/spec/extraPorts", Trees.at(desired, "/spec/extraPorts"))));
  }

  @Test
  void listItemFieldGitNeverSetIsQuiet() {
    Map<String, Object> live = live();
    map(live, "/spec/extraPorts/0").put("hostPort", 19090);
    check(agent(), live, applied(agent()), List.of(), List.of());
  }

  @Test
  void listRemovedFromGitIsRemoved() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").remove("extraPorts");
    Map<String, Object> live = live();
    check(desired, live, applied(agent()),
        List.of(new FieldChange("/spec/extraPorts", REMOVED, Trees.at(live, "/spec/extraPorts"),
            null)),
        List.of(remove("/spec/extraPorts")));
  }

  @Test
  void labelRemovedFromGitIsRemovedLive() {
    Map<String, Object> desired = agent();
    map(desired, "/metadata/labels").remove("tier");
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(new FieldChange("/metadata/labels/tier", REMOVED, "gold", null)),
        List.of(remove("/metadata/labels/tier")));
    assertEquals(json("{'team':'core','other.io/owner':'ops'}"),
        Trees.at(patched, "/metadata/labels"));
  }

  @Test
  void labelChangedByHandIsDrift() {
    Map<String, Object> live = live();
    map(live, "/metadata/labels").put("tier", "bronze");
    check(agent(), live, applied(agent()),
        List.of(new FieldChange("/metadata/labels/tier", CHANGED, "bronze", "gold")),
        List.of(op("replace", "/metadata/labels/tier", "gold")));
  }

  @Test
  void keyAddedUnderMissingMapIsOneAddOfTheSubtree() {
    Map<String, Object> desired = agent();
    Map<String, Object> persistence = yaml("storage:\n  size: 1Gi\n  class: fast\n");
    map(desired, "/spec").put("persistence", persistence);
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(new FieldChange("/spec/persistence", ADDED, null, persistence)),
        List.of(op("add", "/spec/persistence", persistence)));
    assertEquals(persistence, Trees.at(patched, "/spec/persistence"));
  }

  @Test
  void keyAddedUnderPartlyPresentMapAddsAtFirstMissingLevel() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("persistence",
        yaml("enabled: true\nstorage:\n  size: 1Gi\n"));
    Map<String, Object> live = live();
    map(live, "/spec").put("persistence", json("{'enabled':true,'mode':'rwo'}"));
    Map<String, Object> patched = check(desired, live, applied(agent()),
        List.of(new FieldChange("/spec/persistence/storage", ADDED, null,
            yaml("size: 1Gi\n"))),
        List.of(op("add", "/spec/persistence/storage", yaml("size: 1Gi\n"))));
    assertEquals(json("{'enabled':true,'mode':'rwo','storage':{'size':'1Gi'}}"),
        Trees.at(patched, "/spec/persistence"));
  }

  @Test
  void annotationsMapMissingLiveIsAddedWhole() {
    Map<String, Object> live = live();
    map(live, "/metadata").remove("annotations");
    check(agent(), live, applied(agent()),
        List.of(new FieldChange("/metadata/annotations", ADDED, null,
            Map.of("roster.dev/x", "1"))),
        List.of(op("add", "/metadata/annotations", Map.of("roster.dev/x", "1"))));
  }

  @Test
  void slashAndTildeInKeysAreEscaped() {
    Map<String, Object> previous = agent();
    map(previous, "/metadata/labels").put("old~team/x", "y");
    Map<String, Object> desired = agent();
    map(desired, "/metadata/annotations").put("roster.dev/x", "2");
    map(desired, "/metadata/annotations").put("example.com/owner", "me");
    map(desired, "/metadata/labels").put("a~b/c", "v");
    Map<String, Object> live = live();
    map(live, "/metadata/labels").put("old~team/x", "y");
    Map<String, Object> patched = check(desired, live, applied(previous),
        List.of(
            new FieldChange("/metadata/labels/a~0b~1c", ADDED, null, "v"),
            new FieldChange("/metadata/labels/old~0team~1x", REMOVED, "y", null),
            new FieldChange("/metadata/annotations/roster.dev~1x", CHANGED, "1", "2"),
            new FieldChange("/metadata/annotations/example.com~1owner", ADDED, null, "me")),
        List.of(
            op("add", "/metadata/labels/a~0b~1c", "v"),
            remove("/metadata/labels/old~0team~1x"),
            op("replace", "/metadata/annotations/roster.dev~1x", "2"),
            op("add", "/metadata/annotations/example.com~1owner", "me")));
    assertEquals("v", map(patched, "/metadata/labels").get("a~b/c"));
    assertFalse(map(patched, "/metadata/labels").containsKey("old~team/x"));
    assertEquals("2", map(patched, "/metadata/annotations").get("roster.dev/x"));
  }

  // ---------------------------------------------------------------- drift

  @Test
  void fieldEditedByHandIsChanged() {
    Map<String, Object> live = live();
    map(live, "/spec").put("image", "evil/agent:latest");
    Map<String, Object> patched = check(agent(), live, applied(agent()),
        List.of(new FieldChange("/spec/image", CHANGED, "evil/agent:latest",
            "ghcr.io/acme/agent:1.0")),
        List.of(op("replace", "/spec/image", "ghcr.io/acme/agent:1.0")));
    assertEquals(live().get("spec"), patched.get("spec"));
  }

  @Test
  void fieldDeletedByHandIsAdded() {
    Map<String, Object> live = live();
    map(live, "/spec").remove("model");
    check(agent(), live, applied(agent()),
        List.of(new FieldChange("/spec/model", ADDED, null, "claude")),
        List.of(op("add", "/spec/model", "claude")));
  }

  @Test
  void numberEditedByHandIsChanged() {
    Map<String, Object> live = live();
    map(live, "/spec").put("replicas", 3);
    check(agent(), live, applied(agent()),
        List.of(new FieldChange("/spec/replicas", CHANGED, 3, 1L)),
        List.of(op("replace", "/spec/replicas", 1L)));
  }

  @Test
  void listItemEditedByHandReplacesTheList() {
    Map<String, Object> live = live();
    map(live, "/spec/extraPorts/0").put("port", 9091);
    Map<String, Object> desired = agent();
    check(desired, live, applied(agent()),
        List.of(new FieldChange("/spec/extraPorts", CHANGED, Trees.at(live, "/spec/extraPorts"),
            Trees.at(desired, "/spec/extraPorts"))),
        List.of(op("replace", "/spec/extraPorts", Trees.at(desired, "/spec/extraPorts"))));
  }

  @Test
  void mapTurnedIntoScalarByHandIsReplaced() {
    Map<String, Object> live = live();
    map(live, "/spec").put("resources", "none");
    Map<String, Object> desired = agent();
    check(desired, live, applied(agent()),
        List.of(new FieldChange("/spec/resources", CHANGED, "none",
            Trees.at(desired, "/spec/resources"))),
        List.of(op("replace", "/spec/resources", Trees.at(desired, "/spec/resources"))));
  }

  @Test
  void severalDifferencesInDocumentOrderThenRemovals() {
    Map<String, Object> desired = agent();
    map(desired, "/metadata/labels").remove("tier");
    map(desired, "/spec").put("image", "ghcr.io/acme/agent:2.0");
    map(desired, "/spec").remove("model");
    map(desired, "/spec").put("persistence", yaml("size: 1Gi\n"));
    map(desired, "/spec/resources/limits").put("cpu", "2");
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(
            new FieldChange("/metadata/labels/tier", REMOVED, "gold", null),
            new FieldChange("/spec/image", CHANGED, "ghcr.io/acme/agent:1.0",
                "ghcr.io/acme/agent:2.0"),
            new FieldChange("/spec/resources/limits/cpu", CHANGED, "1", "2"),
            new FieldChange("/spec/persistence", ADDED, null, Map.of("size", "1Gi")),
            new FieldChange("/spec/model", REMOVED, "claude", null)),
        List.of(
            remove("/metadata/labels/tier"),
            op("replace", "/spec/image", "ghcr.io/acme/agent:2.0"),
            op("replace", "/spec/resources/limits/cpu", "2"),
            op("add", "/spec/persistence", Map.of("size", "1Gi")),
            remove("/spec/model")));
    assertEquals(4096, Trees.at(patched, "/spec/port"));
    assertEquals(live().get("status"), patched.get("status"));
  }

  @Test
  void patchValuesAreTheDesiredValues() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("image", "ghcr.io/acme/agent:2.0");
    Differ.Result r = Differ.diff(desired, live(), applied(agent()));
    assertEquals(List.of("op", "path", "value"), List.copyOf(r.patch().get(0).keySet()),
        "stable member order in the serialized patch");
    assertEquals("[{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":"
        + "\"ghcr.io/acme/agent:2.0\"}]", Trees.toJson(r.patch()));
  }

  // ---------------------------------------------------------------- nulls

  @Test
  void nullInGitMatchesAbsentLive() {
    // the API server drops null fields (non-nullable CRD fields are pruned), so live never has
    // them; a null in Git must not be a difference forever
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("proxy", null);
    map(desired, "/spec/extraPorts/0").put("hostPort", null);
    check(desired, live(), applied(desired), List.of(), List.of());
    check(desired, live(), applied(agent()), List.of(), List.of());
  }

  @Test
  void nullInGitClearsALiveValue() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("model", null);
    Map<String, Object> patched = check(desired, live(), applied(agent()),
        List.of(new FieldChange("/spec/model", CHANGED, "claude", null)),
        List.of(op("replace", "/spec/model", null)));
    assertEquals(null, Trees.at(patched, "/spec/model"));
  }
}
