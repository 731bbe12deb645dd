package dev.roster.engine;

import dev.roster.cli.PlanJson;
import dev.roster.cli.PlanMarkdown;
import dev.roster.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A plan as `roster plan` renders it in its three formats, with the JSON parsed. */
record Renderings(String text, Map<String, Object> json, String markdown) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @SuppressWarnings("unchecked")
  static Renderings of(Plan p) {
    return new Renderings(PlanTextProbe.text(p), JSON.readValue(PlanJson.render(p), Map.class),
        PlanMarkdown.render(p));
  }

  /** The JSON change of {@code kind}/{@code name}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> change(String kind, String name) {
    return ((List<Map<String, Object>>) json.get("changes")).stream()
        .filter(c -> kind.equals(c.get("kind")) && name.equals(c.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + json));
  }

  /** The pointers of the JSON {@code fields} (or {@code unwritten}) of one change. */
  @SuppressWarnings("unchecked")
  List<String> pointers(String kind, String name, String list) {
    List<String> out = new ArrayList<>();
    ((List<Map<String, Object>>) change(kind, name).get(list))
        .forEach(f -> out.add(String.valueOf(f.get("pointer"))));
    return out;
  }

  /** The JSON summary count {@code key}. */
  @SuppressWarnings("unchecked")
  long summary(String key) {
    return ((Number) ((Map<String, Object>) json.get("summary")).get(key)).longValue();
  }
}
