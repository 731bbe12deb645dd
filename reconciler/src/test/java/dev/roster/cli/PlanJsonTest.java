package dev.roster.cli;

import static dev.roster.cli.PlanFixtures.PROMPT;
import static dev.roster.cli.PlanFixtures.agent;
import static dev.roster.cli.PlanFixtures.configMap;
import static dev.roster.cli.PlanFixtures.live;
import static dev.roster.cli.PlanFixtures.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.DesiredObject;
import dev.roster.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlanJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Plan mixed() {
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT.replace("Line 6", "Line six"), null);
    DesiredObject created = configMap("settings", "kubeopencode/config.yaml", Map.of("a", "1"));
    DesiredObject same = configMap("same", "kubeopencode/same.yaml", Map.of("a", "1"));
    DesiredObject gone = configMap("old", "kubeopencode/old.yaml", Map.of("a", "1"));
    return plan(List.of(after, created, same), List.of(live(before), live(same), live(gone)));
  }

  @Test
  void documentHasSummaryAndEveryObject() {
    JsonNode doc = JSON.readTree(PlanJson.render(mixed()));
    assertEquals("prod", doc.get("source").asString());
    assertEquals("abc1234", doc.get("revision").asString());
    JsonNode s = doc.get("summary");
    assertEquals(List.of(1, 1, 1, 1, 0, 0), List.of(s.get("create").asInt(),
        s.get("update").asInt(), s.get("prune").asInt(), s.get("unchanged").asInt(),
        s.get("refused").asInt(), s.get("orphaned").asInt()));
    List<String> actions = new ArrayList<>();
    doc.get("changes").forEach(c -> actions.add(c.get("action").asString()));
    assertEquals(List.of("unchanged", "create", "update", "prune"), actions);
    for (JsonNode c : doc.get("changes")) {
      for (String f : List.of("action", "apiVersion", "kind", "namespace", "name", "file", "line",
          "reason", "fields")) {
        assertTrue(c.has(f), f + " missing in " + c);
      }
    }
  }

  @Test
  void updateListsItsFields() {
    JsonNode update = JSON.readTree(PlanJson.render(mixed())).get("changes").get(2);
    assertEquals("kubeopencode.io/v1alpha1", update.get("apiVersion").asString());
    assertEquals("Agent", update.get("kind").asString());
    assertEquals("coding-agents", update.get("namespace").asString());
    assertEquals("team-agent", update.get("name").asString());
    assertEquals("kubeopencode/agents.yaml", update.get("file").asString());
    assertEquals(1, update.get("line").asInt());
    assertTrue(update.get("reason").isNull());
    JsonNode fields = update.get("fields");
    assertEquals(2, fields.size());
    assertEquals("/spec/prompt", fields.get(0).get("pointer").asString());
    assertEquals("changed", fields.get(0).get("type").asString());
    assertTrue(fields.get(0).get("before").asString().contains("Line 6\n"));
    assertTrue(fields.get(0).get("after").asString().contains("Line six\n"));
    assertEquals("/spec/maxTurns", fields.get(1).get("pointer").asString());
    assertEquals("removed", fields.get(1).get("type").asString());
    assertEquals(20, fields.get(1).get("before").asInt());
    assertTrue(fields.get(1).get("after").isNull());
  }

  @Test
  void pruneNamesTheFileOfItsLastApplyAndNoProvenanceValues() {
    String json = PlanJson.render(mixed());
    JsonNode prune = JSON.readTree(json).get("changes").get(3);
    assertEquals("kubeopencode/old.yaml", prune.get("file").asString());
    assertTrue(prune.get("line").isNull());
    for (String hidden : List.of("roster.dev/revision", "roster.dev/repo", "applied-fields",
        "git.example.com", "0ld0ld0", "resourceVersion", "Ready")) {
      assertFalse(json.contains(hidden), hidden + " must not appear:\n" + json);
    }
  }

  @Test
  void fieldRecordChangeAloneListsNoFields() {
    DesiredObject same = agent("team-agent", PROMPT, 20);
    Plan p = plan(List.of(same), List.of(live(same, o -> PlanFixtures.at(o, "metadata",
        "annotations").put("roster.dev/applied-fields", "{}"))));
    JsonNode c = JSON.readTree(PlanJson.render(p)).get("changes").get(0);
    assertEquals("update", c.get("action").asString());
    assertEquals(0, c.get("fields").size());
  }

  @Test
  void addedAnnotationsMapLeavesProvenanceOut() {
    Map<String, Object> o = PlanFixtures.object("v1", "ConfigMap", "coding-agents", "adopted");
    PlanFixtures.at(o, "metadata").put("annotations",
        new java.util.LinkedHashMap<>(Map.of("roster.dev/adopt", "true")));
    DesiredObject d = PlanFixtures.desired(o, "adopted.yaml");
    Map<String, Object> existing = PlanFixtures.copy(o);
    PlanFixtures.at(existing, "metadata").remove("annotations");
    String json = PlanJson.render(plan(List.of(d), List.of(
        new dev.roster.plan.LiveObject(d.key(), existing))));
    JsonNode fields = JSON.readTree(json).get("changes").get(0).get("fields");
    JsonNode annotations = null;
    for (JsonNode f : fields) {
      if (f.get("pointer").asString().equals("/metadata/annotations")) {
        annotations = f.get("after");
      }
    }
    assertEquals(JSON.readTree("{\"roster.dev/adopt\":\"true\"}"), annotations, json);
  }
}
