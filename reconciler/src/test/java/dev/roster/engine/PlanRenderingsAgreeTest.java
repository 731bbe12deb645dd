package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.PointerIndex;
import dev.roster.plan.Action;
import dev.roster.plan.Plan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One mixed plan — create, update with a written and a platform-written field, a held update,
 * an unchanged object the platform edited, prune, refused, orphaned — rendered as text, JSON and
 * markdown: all three name the same objects with the same actions and the same fields not
 * written with the same reasons, and the text diff shows exactly the JSON {@code fields}.
 */
class PlanRenderingsAgreeTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");
  static final ResourceDefinitionContext AGENT =
      RolloutFixture.ctx("kubeopencode.io", "v1alpha1", "Agent", "agents");
  static final Pattern NOT_WRITTEN = Pattern.compile("not written: (\\S+) \\(([a-z-]+)");

  @TempDir Path dir;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void komputer(String name, String instructions, String model) {
    f.write(name + ".yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata: {name: %s}
        spec: {instructions: "%s", model: %s}
        """.formatted(name, instructions, model));
  }

  void configMap(String name, String value) {
    f.write(name + ".yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s}
        data: {value: "%s"}
        """.formatted(name, value));
  }

  @SuppressWarnings("unchecked")
  void platformWrites(ResourceDefinitionContext c, String name, String field, Object value) {
    GenericKubernetesResource live = f.get(c, "default", name);
    Map<String, Object> spec = new HashMap<>((Map<String, Object>) live.getAdditionalProperties()
        .get("spec"));
    spec.put(field, value);
    live.setAdditionalProperty("spec", spec);
    f.cluster.client().genericKubernetesResources(c).inNamespace("default").resource(live)
        .update();
  }

  Plan mixedPlan() throws Exception {
    komputer("researcher", "research the market", "claude-sonnet-4-6");
    komputer("busy", "triage tickets", "claude-sonnet-4-6");
    configMap("keep", "same");
    configMap("gone", "old");
    configMap("orphan", "old");
    f.write("coder.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata: {name: coder, annotations: {roster.dev/external-refs: "ServiceAccount/*"}}
        spec: {workspaceDir: /workspace, serviceAccountName: agent, suspend: false}
        """);
    f.sync();
    // the platforms at work
    platformWrites(KA, "researcher", "model", "claude-opus-4-1");
    platformWrites(AGENT, "coder", "suspend", true);
    f.status(KA, "default", "busy", Map.of("taskStatus", "InProgress"));
    f.cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("theirs").withNamespace("default").endMetadata()
        .addToData("value", "not ours").build()).create();
    var orphan = f.cluster.client().configMaps().inNamespace("default").withName("orphan").get();
    orphan.getMetadata().getAnnotations().put("roster.dev/prune", "disabled");
    f.cluster.client().configMaps().inNamespace("default").resource(orphan).update();
    // Git at work
    komputer("researcher", "write the quarterly report", "claude-sonnet-4-6");
    komputer("busy", "triage and label tickets", "claude-sonnet-4-6");
    configMap("fresh", "new");
    configMap("theirs", "ours");
    Files.delete(dir.resolve("gone.yaml"));
    Files.delete(dir.resolve("orphan.yaml"));
    return f.plan();
  }

  @Test
  @SuppressWarnings("unchecked")
  void textJsonAndMarkdownAgreeOnEveryChangeAndEveryUnwrittenField() throws Exception {
    Plan plan = mixedPlan();
    Renderings r = Renderings.of(plan);
    // the plan is as mixed as it says
    Set<Action> actions = new TreeSet<>();
    plan.changes().forEach(c -> actions.add(c.action()));
    assertEquals(Set.of(Action.values()), actions, plan.changes().toString());
    assertTrue(plan.changes().stream().anyMatch(c -> c.rollout().waiting()));

    Set<String> jsonObjects = new TreeSet<>();
    Set<String> jsonUnwritten = new TreeSet<>();
    for (Map<String, Object> c : jsonChanges(r)) {
      String subject = c.get("kind") + " " + c.get("namespace") + "/" + c.get("name");
      List<Map<String, Object>> unwritten = (List<Map<String, Object>>) c.get("unwritten");
      if (!"unchanged".equals(c.get("action")) || !unwritten.isEmpty()) {
        jsonObjects.add(c.get("action") + " " + subject);
      }
      unwritten.forEach(u -> jsonUnwritten.add(subject + " " + u.get("pointer") + " "
          + u.get("reason")));
    }
    assertEquals(jsonObjects, textObjects(r.text()), r.text());
    assertEquals(jsonObjects, markdownObjects(r.markdown()), r.markdown());
    assertEquals(jsonUnwritten, textUnwritten(r.text()), r.text());
    assertEquals(jsonUnwritten, markdownUnwritten(r.markdown()), r.markdown());
    // Against a cluster, the Agents affected section says which restart is held, and why.
    assertTrue(r.markdown().contains("- **Held while busy (1):** KomputerAgent/default/busy:"
        + " restart, held: WaitingForTasks (1 task) since "), r.markdown());
    assertEquals(Set.of(
        "KomputerAgent default/researcher /spec/model platform-written",
        "KomputerAgent default/busy /spec/instructions held",
        "Agent default/coder /spec/suspend platform-written"), jsonUnwritten);
    assertEquals(3, r.summary("unwritten"));

    // the text diff shows exactly the JSON fields: instructions changes, the model does not
    assertEquals(List.of("/spec/instructions"),
        r.pointers("KomputerAgent", "researcher", "fields"));
    List<String> diff = body(r.text(), "KomputerAgent default/researcher");
    for (String pointer : r.pointers("KomputerAgent", "researcher", "fields")) {
      String key = PointerIndex.unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
      assertTrue(diff.stream().anyMatch(l -> l.startsWith("+") && l.contains(key + ":")), diff
          .toString());
    }
    assertFalse(diff.stream().anyMatch(l -> (l.startsWith("+") || l.startsWith("-"))
        && l.contains("model:")), "a field left to the platform is not in the diff: " + diff);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> jsonChanges(Renderings r) {
    return (List<Map<String, Object>>) r.json().get("changes");
  }

  /** {@code action Kind ns/name} of every text header. */
  static Set<String> textObjects(String text) {
    Set<String> out = new TreeSet<>();
    for (String line : text.lines().toList()) {
      if (line.length() > 2 && !line.startsWith(" ", 2) && !line.startsWith("    ")
          && !line.startsWith("Plan:") && !line.startsWith("In sync")) {
        String[] t = line.substring(2).split(" ");
        out.add(t[0] + " " + t[2] + " " + t[3]);
      }
    }
    return out;
  }

  /** {@code Kind ns/name pointer reason} of every text {@code not written} line. */
  static Set<String> textUnwritten(String text) {
    Set<String> out = new TreeSet<>();
    String subject = null;
    for (String line : text.lines().toList()) {
      if (!line.startsWith(" ", 2) && line.length() > 2 && !line.startsWith("    ")) {
        String[] t = line.substring(2).split(" ");
        subject = t.length > 3 ? t[2] + " " + t[3] : null;
      }
      Matcher m = NOT_WRITTEN.matcher(line);
      if (line.startsWith("    not written: ") && m.find()) {
        out.add(subject + " " + m.group(1) + " " + m.group(2));
      }
    }
    return out;
  }

  /** The body lines (indent removed) under the text header naming {@code subject}. */
  static List<String> body(String text, String subject) {
    List<String> lines = text.lines().toList();
    int i = 0;
    while (!lines.get(i).contains(" " + subject + " ")) {
      i++;
    }
    int end = i + 1;
    while (end < lines.size() && lines.get(end).startsWith("    ")) {
      end++;
    }
    return lines.subList(i + 1, end).stream().map(l -> l.substring(4)).toList();
  }

  /**
   * {@code action Kind ns/name}: details summaries (create, update), the prune warning list, the
   * "not written" list (objects otherwise unchanged) and the "left alone" list (the "Agents
   * affected" section names reached objects, not changes, and is skipped).
   */
  static Set<String> markdownObjects(String md) {
    Set<String> out = new TreeSet<>();
    String section = "";
    for (String line : md.lines().toList()) {
      if (line.startsWith("**") || line.startsWith("#### ")) {
        section = line;
      }
      if (section.equals("#### Agents affected")) {
        continue; // the agents a change reaches, not the changes themselves
      }
      Matcher summary = Pattern.compile("<summary>. (\\w+) (\\S+) (\\S+)").matcher(line);
      if (summary.find()) {
        out.add(summary.group(1) + " " + summary.group(2) + " " + summary.group(3));
      } else if (line.startsWith("- ⚠️ ")) {
        String[] t = line.substring(5).split(" ");
        out.add("prune " + t[1] + " " + t[2]);
      } else if (line.startsWith("- **")) {
        String[] t = line.replace("**", "").substring(2).split(" ");
        out.add(t[0] + " " + t[2] + " " + t[3]);
      } else if (line.startsWith("- ") && section.contains("not written")) {
        String[] t = line.substring(2).split(" ");
        out.add("unchanged " + t[1] + " " + t[2]);
      }
    }
    return out;
  }

  /** {@code Kind ns/name pointer reason} of every markdown {@code not written}. */
  static Set<String> markdownUnwritten(String md) {
    Set<String> out = new TreeSet<>();
    String subject = null;
    for (String line : md.lines().toList()) {
      Matcher summary = Pattern.compile("<summary>. \\w+ (\\S+) (\\S+)").matcher(line);
      if (summary.find()) {
        subject = summary.group(1) + " " + summary.group(2);
      }
      Matcher m = NOT_WRITTEN.matcher(line);
      if (line.startsWith("not written: ") && m.find()) {
        out.add(subject + " " + m.group(1) + " " + m.group(2));
      } else if (line.startsWith("- ") && m.find()) {
        String[] t = line.substring(2).split(" ");
        out.add(t[1] + " " + t[2] + " " + m.group(1) + " " + m.group(2));
      }
    }
    return out;
  }
}
