package dev.roster.cli;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.KindOrder;
import dev.roster.plan.Planner;
import dev.roster.validate.SchemaCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/** Plans built by the real {@link Planner} from hand-written desired and live objects. */
final class PlanFixtures {
  static final String SOURCE = "prod";
  static final String REVISION = "abc1234";
  static final String REPO = "https://git.example.com/agents.git";
  static final Planner PLANNER = new Planner(new KindOrder(SchemaCatalog.bundled()));
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final String PROMPT = String.join("\n", "You are the team agent.", "Line 2", "Line 3",
      "Line 4", "Line 5", "Line 6", "Line 7", "Line 8", "Line 9", "Line 10") + "\n";

  private PlanFixtures() {}

  /** An Agent in coding-agents from kubeopencode/agents.yaml. */
  static DesiredObject agent(String name, String prompt, Integer maxTurns) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("model", "claude-sonnet");
    spec.put("prompt", prompt);
    if (maxTurns != null) {
      spec.put("maxTurns", maxTurns);
    }
    Map<String, Object> o = object("kubeopencode.io/v1alpha1", "Agent", "coding-agents", name);
    o.put("spec", spec);
    return desired(o, "kubeopencode/agents.yaml");
  }

  /** A ConfigMap in coding-agents. */
  static DesiredObject configMap(String name, String file, Map<String, Object> data) {
    Map<String, Object> o = object("v1", "ConfigMap", "coding-agents", name);
    o.put("data", new LinkedHashMap<>(data));
    return desired(o, file);
  }

  static Map<String, Object> object(String apiVersion, String kind, String ns, String name) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("namespace", ns);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", meta);
    return o;
  }

  static DesiredObject desired(Map<String, Object> o, String file) {
    String apiVersion = (String) o.get("apiVersion");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    Map<?, ?> meta = (Map<?, ?>) o.get("metadata");
    ResourceKey key = new ResourceKey(group, (String) o.get("kind"),
        meta.get("namespace") == null ? "" : String.valueOf(meta.get("namespace")),
        String.valueOf(meta.get("name")));
    return new DesiredObject(key, apiVersion, o, new Origin(file, 0, 1, 1));
  }

  /**
   * What an earlier apply of {@code previous} left live: Roster's labels and provenance (with
   * the applied-fields record), plus server metadata and status; {@code server} edits it further.
   */
  @SuppressWarnings("unchecked")
  static LiveObject live(DesiredObject previous, Consumer<Map<String, Object>> server) {
    Plan p = PLANNER.plan(List.of(previous), Map.of(), Inventory.empty(SOURCE),
        new Planner.Options(SOURCE, "0ld0ld0", REPO));
    Map<String, Object> o = copy(p.changes().get(0).desired());
    Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
    meta.put("uid", "5f1c7f0e-0000-4000-8000-000000000001");
    meta.put("resourceVersion", "4711");
    meta.put("creationTimestamp", "2026-01-01T00:00:00Z");
    meta.put("generation", 3);
    o.put("status", new LinkedHashMap<>(Map.of("phase", "Ready", "observedGeneration", 3)));
    server.accept(o);
    return new LiveObject(previous.key(), o);
  }

  static LiveObject live(DesiredObject previous) {
    return live(previous, o -> { });
  }

  /** Plans {@code desired} against {@code live}, with the live keys as the previous inventory. */
  static Plan plan(List<DesiredObject> desired, List<LiveObject> live) {
    Map<ResourceKey, LiveObject> byKey = new LinkedHashMap<>();
    live.forEach(l -> byKey.put(l.key(), l));
    Inventory inventory = new Inventory(SOURCE, "0ld0ld0", Set.copyOf(byKey.keySet()));
    return PLANNER.plan(desired, byKey, inventory, new Planner.Options(SOURCE, REVISION, REPO));
  }

  static Change only(Plan p) {
    if (p.changes().size() != 1) {
      throw new AssertionError("expected one change, got " + p.changes());
    }
    return p.changes().get(0);
  }

  static String text(Plan p, boolean color) {
    java.io.StringWriter s = new java.io.StringWriter();
    PlanText.render(p, new java.io.PrintWriter(s), color);
    return s.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, Object> o) {
    return JSON.readValue(JSON.writeValueAsString(o), LinkedHashMap.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> at(Map<String, Object> o, String... path) {
    Map<String, Object> m = o;
    for (String p : path) {
      m = (Map<String, Object>) m.get(p);
    }
    return m;
  }
}
