package dev.roster.cli;

import static dev.roster.cli.PlanFixtures.desired;
import static dev.roster.cli.PlanFixtures.live;
import static dev.roster.cli.PlanFixtures.object;
import static dev.roster.cli.PlanFixtures.plan;
import static dev.roster.cli.PlanFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.DesiredObject;
import dev.roster.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Secret's values never reach any rendering, even though Roster never applies them. */
class PlanSecretTest {
  private static final List<String> VALUES = List.of("aHVudGVyMg==", "bmV3LXRva2Vu", "c2VjcmV0",
      "hunter2", "plain-text-password");

  private static DesiredObject secret(Map<String, Object> data, Map<String, Object> stringData) {
    Map<String, Object> o = object("v1", "Secret", "coding-agents", "api-keys");
    o.put("type", "Opaque");
    if (data != null) {
      o.put("data", new LinkedHashMap<>(data));
    }
    if (stringData != null) {
      o.put("stringData", new LinkedHashMap<>(stringData));
    }
    return desired(o, "secrets.yaml");
  }

  private static void assertNoValues(String rendered) {
    for (String v : VALUES) {
      assertFalse(rendered.contains(v), v + " leaked:\n" + rendered);
    }
    assertTrue(rendered.contains(PlanRedaction.REDACTED), rendered);
  }

  @Test
  void createIsRedactedEverywhere() {
    Plan p = plan(List.of(secret(Map.of("token", "aHVudGVyMg=="),
        Map.of("password", "plain-text-password"))), List.of());
    String text = text(p, false);
    assertTrue(text.contains("    +data:\n    +  token: <redacted>\n"), text);
    assertTrue(text.contains("    +stringData:\n    +  password: <redacted>\n"), text);
    assertTrue(text.contains("    +type: Opaque\n"), "other fields still show\n" + text);
    assertNoValues(text);
    assertNoValues(PlanMarkdown.render(p));
    String json = PlanJson.render(p); // the create's object, with the values redacted
    VALUES.forEach(v -> assertFalse(json.contains(v), json));
    assertTrue(json.contains("\"token\" : \"<redacted>\""), json);
  }

  @Test
  void updateShowsKeysButNeverValues() {
    DesiredObject before = secret(Map.of("token", "aHVudGVyMg==", "old", "c2VjcmV0"), null);
    DesiredObject after = secret(Map.of("token", "bmV3LXRva2Vu"),
        Map.of("password", "plain-text-password"));
    Plan p = plan(List.of(after), List.of(live(before)));
    String text = text(p, false);
    assertTrue(text.contains("    -  old: <redacted>\n"), text);
    assertTrue(text.contains("    +stringData:\n    +  password: <redacted>\n"), text);
    assertNoValues(text);
    assertNoValues(PlanMarkdown.render(p));
    String json = PlanJson.render(p);
    assertNoValues(json);
    JsonNode fields = JsonMapper.builder().build().readTree(json).get("changes").get(0)
        .get("fields");
    for (JsonNode f : fields) {
      String pointer = f.get("pointer").asString();
      if (pointer.equals("/data/token")) {
        assertEquals("<redacted>", f.get("before").asString());
        assertEquals("<redacted>", f.get("after").asString());
      } else if (pointer.equals("/stringData")) {
        assertEquals("<redacted>", f.get("after").get("password").asString());
      }
    }
    assertEquals(3, fields.size(), json);
  }

  @Test
  void valueOnlyChangeSaysValuesAreHidden() {
    Plan p = plan(List.of(secret(Map.of("token", "bmV3LXRva2Vu"), null)),
        List.of(live(secret(Map.of("token", "aHVudGVyMg=="), null))));
    String text = text(p, false);
    assertTrue(text.contains("    (the changed values are redacted)\n"), text);
    assertFalse(text.contains("aHVudGVyMg==") || text.contains("bmV3LXRva2Vu"), text);
  }
}
