package dev.roster.cli;

import static dev.roster.cli.PlanFixtures.PROMPT;
import static dev.roster.cli.PlanFixtures.agent;
import static dev.roster.cli.PlanFixtures.at;
import static dev.roster.cli.PlanFixtures.configMap;
import static dev.roster.cli.PlanFixtures.copy;
import static dev.roster.cli.PlanFixtures.live;
import static dev.roster.cli.PlanFixtures.only;
import static dev.roster.cli.PlanFixtures.plan;
import static dev.roster.cli.PlanFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.FieldChange;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Ownership;
import dev.roster.plan.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTextTest {
  private static final String HEADER = "~ update kubeopencode.io/v1alpha1 Agent "
      + "coding-agents/team-agent (kubeopencode/agents.yaml)";

  @Test
  void changedPromptShowsOnlyTheChangedLinesWithContext() {
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT.replace("Line 6", "Line six"), 20);
    Plan p = plan(List.of(after), List.of(live(before)));
    assertEquals(Action.UPDATE, only(p).action());
    assertEquals(List.of(
        HEADER,
        "    @@ -15,7 +15,7 @@",
        "         Line 3",
        "         Line 4",
        "         Line 5",
        "    -    Line 6",
        "    +    Line six",
        "         Line 7",
        "         Line 8",
        "         Line 9",
        "",
        "Plan: 0 to create, 1 to update, 0 to prune, 0 unchanged"),
        text(p, false).lines().toList());
  }

  @Test
  void fieldGitNoLongerSetsShowsAsRemoved() {
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT, null);
    LiveObject l = live(before);
    assertTrue(l.annotation(Ownership.APPLIED_FIELDS).contains("maxTurns"));
    Plan p = plan(List.of(after), List.of(l));
    assertEquals(List.of(new FieldChange("/spec/maxTurns", FieldChange.Type.REMOVED, 20, null)),
        only(p).fields());
    List<String> lines = text(p, false).lines().toList();
    assertEquals(List.of(HEADER, "    @@ -7,7 +7,6 @@", "       name: team-agent",
        "       namespace: coding-agents", "     spec:", "    -  maxTurns: 20",
        "       model: claude-sonnet", "       prompt: |", "         You are the team agent."),
        lines.subList(0, 9));
  }

  @Test
  void serverFieldsStatusAndProvenanceNeverShow() {
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT, 25);
    LiveObject l = live(before, o -> at(o, "spec").put("serverDefault", "filled-in"));
    String out = text(plan(List.of(after), List.of(l)), false);
    assertTrue(out.contains("    -  maxTurns: 20\n    +  maxTurns: 25\n"), out);
    for (String hidden : List.of("serverDefault", "status", "Ready", "uid", "resourceVersion",
        "creationTimestamp", "generation", "roster.dev/revision", "roster.dev/repo",
        "roster.dev/file", "roster.dev/applied-fields", "0ld0ld0")) {
      assertFalse(out.contains(hidden), hidden + " must not show:\n" + out);
    }
  }

  @Test
  void createPruneRefusedAndOrphanedHeadersAndSummary() {
    DesiredObject created = configMap("settings", "kubeopencode/config.yaml", Map.of("a", "1"));
    DesiredObject same = configMap("same", "kubeopencode/same.yaml", Map.of("a", "1"));
    DesiredObject gone = configMap("old", "kubeopencode/old.yaml", Map.of("a", "1"));
    DesiredObject kept = configMap("kept", "kubeopencode/kept.yaml", Map.of("a", "1"));
    DesiredObject theirs = configMap("theirs", "kubeopencode/theirs.yaml", Map.of("a", "1"));
    LiveObject keptLive = live(kept, o -> at(o, "metadata", "labels").put(Ownership.SOURCE, "x"));
    LiveObject theirsLive = new LiveObject(theirs.key(), copy(theirs.object()));
    Plan p = plan(List.of(created, same, theirs),
        List.of(live(same), live(gone), keptLive, theirsLive));
    List<String> lines = text(p, false).lines().toList();
    String cm = "v1 ConfigMap coding-agents/";
    assertEquals(List.of(
        "+ create " + cm + "settings (kubeopencode/config.yaml)",
        "    +apiVersion: v1",
        "    +data:",
        "    +  a: '1'",
        "    +kind: ConfigMap",
        "    +metadata:",
        "    +  labels:",
        "    +    app.kubernetes.io/managed-by: roster",
        "    +    roster.dev/source: prod",
        "    +  name: settings",
        "    +  namespace: coding-agents",
        "",
        "! refused " + cm + "theirs (kubeopencode/theirs.yaml): exists and is not managed by "
            + "Roster; annotate it roster.dev/adopt: \"true\" in Git to take it over",
        "- prune " + cm + "old (kubeopencode/old.yaml)",
        "= orphaned " + cm + "kept (kubeopencode/kept.yaml): no longer labelled "
            + "roster.dev/source=prod; left in place",
        "Plan: 1 to create, 0 to update, 1 to prune, 1 unchanged, 1 refused, 1 orphaned"), lines);
  }

  @Test
  void createShowsMultiLineStringsAsLiteralBlocks() {
    Plan p = plan(List.of(agent("team-agent", PROMPT, 20)), List.of());
    String out = text(p, false);
    assertTrue(out.contains(
        "    +  prompt: |\n    +    You are the team agent.\n    +    Line 2\n"), out);
    assertFalse(out.contains("roster.dev/revision"), out);
  }

  @Test
  void nothingToDo() {
    DesiredObject same = agent("team-agent", PROMPT, 20);
    Plan p = plan(List.of(same), List.of(live(same)));
    assertEquals("No changes. Live matches revision abc1234.\n", text(p, false));
    assertEquals("No changes. Live matches revision abc1234.\n",
        text(plan(List.of(), List.of()), true));
  }

  @Test
  void colourOnlyWhenAsked() {
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT.replace("Line 6", "Line six"), 20);
    DesiredObject created = configMap("settings", "kubeopencode/config.yaml", Map.of("a", "1"));
    DesiredObject gone = configMap("old", "kubeopencode/old.yaml", Map.of("a", "1"));
    Plan p = plan(List.of(after, created), List.of(live(before), live(gone)));
    String plain = text(p, false);
    assertFalse(plain.contains("\u001b["), plain);
    String coloured = text(p, true);
    assertTrue(coloured.contains(PlanText.YELLOW + HEADER + PlanText.RESET), coloured);
    assertTrue(coloured.contains(PlanText.GREEN + "+ create v1 ConfigMap"), coloured);
    assertTrue(coloured.contains(PlanText.RED + "- prune v1 ConfigMap"), coloured);
    assertTrue(coloured.contains("    " + PlanText.CYAN + "@@ -15,7 +15,7 @@" + PlanText.RESET));
    assertTrue(coloured.contains("    " + PlanText.RED + "-    Line 6" + PlanText.RESET));
    assertTrue(coloured.contains("    " + PlanText.GREEN + "+    Line six" + PlanText.RESET));
    assertTrue(coloured.contains("\n         Line 7\n"), "context lines stay plain");
    assertEquals(plain, coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void changeOfTheFieldRecordAloneSaysSo() {
    DesiredObject same = agent("team-agent", PROMPT, 20);
    LiveObject l = live(same, o -> at(o, "metadata", "annotations")
        .put(Ownership.APPLIED_FIELDS, "{\"spec\":{}}"));
    Plan p = plan(List.of(same), List.of(l));
    assertEquals(Action.UPDATE, only(p).action());
    assertEquals(List.of(HEADER, "    (only Roster's record of the fields it sets changes)", "",
        "Plan: 0 to create, 1 to update, 0 to prune, 0 unchanged"),
        text(p, false).lines().toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void listItemsAreProjectedSoServerDefaultsInsideThemStayHidden() {
    DesiredObject before = withContainers(agent("team-agent", PROMPT, 20), "tools:1.0");
    DesiredObject after = withContainers(agent("team-agent", PROMPT, 20), "tools:1.1");
    LiveObject l = live(before, o -> ((Map<String, Object>) ((List<?>) at(o, "spec")
        .get("containers")).get(0)).put("imagePullPolicy", "IfNotPresent"));
    String out = text(plan(List.of(after), List.of(l)), false);
    assertTrue(out.contains("    -  - image: tools:1.0\n    +  - image: tools:1.1\n"), out);
    assertFalse(out.contains("imagePullPolicy"), out);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLiveListItemSharingNoKeyWithGitsIsShownWholeNotAsEmpty() {
    DesiredObject before = withContainers(agent("team-agent", PROMPT, 20), "tools:1.0");
    DesiredObject after = withContainers(agent("team-agent", PROMPT, 20), "tools:1.0");
    // another actor rewrote the item into another form
    LiveObject l = live(before, o -> ((List<Object>) at(o, "spec").get("containers"))
        .set(0, Map.of("ref", Map.of("name", "tools"))));
    String out = text(plan(List.of(after), List.of(l)), false);
    assertFalse(out.contains("{}"), out);
    assertTrue(out.contains("    -  - ref:\n    -      name: tools\n"), out);
    assertTrue(out.contains("    +  - image: tools:1.0\n    +    name: tools\n"), out);
  }

  @Test
  void adoptionShowsRostersLabelsAsAdded() {
    Map<String, Object> o = PlanFixtures.object("v1", "Namespace", "", "coding-agents");
    at(o, "metadata").remove("namespace");
    at(o, "metadata").put("annotations", new java.util.LinkedHashMap<>(
        Map.of(Ownership.ADOPT, "true")));
    DesiredObject ns = PlanFixtures.desired(o, "namespaces.yaml");
    Map<String, Object> existing = PlanFixtures.object("v1", "Namespace", "", "coding-agents");
    at(existing, "metadata").remove("namespace");
    at(existing, "metadata").put("uid", "u-1");
    existing.put("spec", Map.of("finalizers", List.of("kubernetes")));
    Plan p = plan(List.of(ns), List.of(new LiveObject(ns.key(), existing)));
    assertEquals(List.of(
        "~ update v1 Namespace coding-agents (namespaces.yaml)",
        "    @@ -1,4 +1,9 @@",
        "     apiVersion: v1",
        "     kind: Namespace",
        "     metadata:",
        "    +  annotations:",
        "    +    roster.dev/adopt: 'true'",
        "    +  labels:",
        "    +    app.kubernetes.io/managed-by: roster",
        "    +    roster.dev/source: prod",
        "       name: coding-agents",
        "",
        "Plan: 0 to create, 1 to update, 0 to prune, 0 unchanged"),
        text(p, false).lines().toList());
  }

  @SuppressWarnings("unchecked")
  private static DesiredObject withContainers(DesiredObject d, String image) {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("name", "tools");
    c.put("image", image);
    ((Map<String, Object>) d.object().get("spec")).put("containers",
        new java.util.ArrayList<>(List.of(c)));
    return d;
  }
}
