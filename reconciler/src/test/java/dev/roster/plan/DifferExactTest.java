package dev.roster.plan;

import static dev.roster.plan.DiffFixtures.agent;
import static dev.roster.plan.DiffFixtures.check;
import static dev.roster.plan.DiffFixtures.live;
import static dev.roster.plan.DiffFixtures.map;
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

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three-way diff is exact: what Git stopped setting is removed, what it adds is added at
 * the first missing level, and lists are replaced whole.
 */
class DifferExactTest {

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
}
