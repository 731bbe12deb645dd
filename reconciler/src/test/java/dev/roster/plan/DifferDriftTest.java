package dev.roster.plan;

import static dev.roster.plan.DiffFixtures.agent;
import static dev.roster.plan.DiffFixtures.check;
import static dev.roster.plan.DiffFixtures.live;
import static dev.roster.plan.DiffFixtures.map;
import static dev.roster.plan.FieldChange.Type.ADDED;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
import static dev.roster.plan.Trees.applied;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.remove;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three-way diff reverts drift — hand edits are changes back to Git's values — and treats
 * a null in Git as absent, or as clearing a live value.
 */
class DifferDriftTest {

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
