package dev.roster.cli;

import static dev.roster.cli.PlanFixtures.PROMPT;
import static dev.roster.cli.PlanFixtures.agent;
import static dev.roster.cli.PlanFixtures.at;
import static dev.roster.cli.PlanFixtures.configMap;
import static dev.roster.cli.PlanFixtures.copy;
import static dev.roster.cli.PlanFixtures.live;
import static dev.roster.cli.PlanFixtures.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.DesiredObject;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanMarkdownTest {
  private static Plan mixed() {
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT.replace("Line 6", "Line six"), 20);
    DesiredObject created = configMap("settings", "kubeopencode/config.yaml", Map.of("a", "1"));
    DesiredObject same = configMap("same", "kubeopencode/same.yaml", Map.of("a", "1"));
    DesiredObject gone = configMap("old", "kubeopencode/old.yaml", Map.of("a", "1"));
    DesiredObject theirs = configMap("theirs", "kubeopencode/theirs.yaml", Map.of("a", "1"));
    LiveObject theirsLive = new LiveObject(theirs.key(), copy(theirs.object()));
    return plan(List.of(after, created, same, theirs),
        List.of(live(before), live(same), live(gone), theirsLive));
  }

  @Test
  void headingTableAndPrunesBeforeUpdates() {
    String md = PlanMarkdown.render(mixed());
    assertTrue(md.startsWith("<!-- roster-plan:prod -->\n### Roster plan for prod at abc1234\n\n"
        + "| Action | Count |\n"
        + "| --- | ---: |\n| create | 1 |\n| update | 1 |\n| prune | 1 |\n| unchanged | 1 |\n"
        + "| refused | 1 |\n"), md);
    assertFalse(md.contains("| orphaned |"), "zero refused/orphaned rows are left out");
    int prune = md.indexOf("- ⚠️ v1 ConfigMap coding-agents/old (kubeopencode/old.yaml)");
    int update = md.indexOf("<details><summary>~ update Agent coding-agents/team-agent "
        + "(kubeopencode/agents.yaml)</summary>");
    int create = md.indexOf("<details><summary>+ create ConfigMap coding-agents/settings");
    int refused = md.indexOf("- **refused** v1 ConfigMap coding-agents/theirs");
    assertTrue(prune > 0 && update > prune && create > prune && refused > update
        && refused > create, md);
  }

  @Test
  void diffsAreFencedInsideDetails() {
    String md = PlanMarkdown.render(mixed());
    String update = md.substring(md.indexOf("<details><summary>~ update"));
    update = update.substring(0, update.indexOf("</details>") + "</details>".length());
    StringBuilder want = new StringBuilder("<details><summary>~ update Agent "
        + "coding-agents/team-agent (kubeopencode/agents.yaml)</summary>\n\n```diff\n");
    DesiredObject before = agent("team-agent", PROMPT, 20);
    DesiredObject after = agent("team-agent", PROMPT.replace("Line 6", "Line six"), 20);
    Plan p = plan(List.of(after), List.of(live(before)));
    PlanText.body(p.changes().get(0), p.source()).forEach(l -> want.append(l).append('\n'));
    want.append("```\n\n</details>");
    assertEquals(want.toString(), update);
    assertTrue(update.contains("\n-    Line 6\n+    Line six\n"), update);
    assertFalse(md.contains("\u001b["), "no colour in markdown");
  }

  @Test
  void escapesCellsAndSummariesAndOutgrowsFencesInContent() {
    DesiredObject cm = configMap("odd", "dir<x>/a|b&c.yaml", Map.of("p", "```\nnot closed\n"));
    String md = PlanMarkdown.render(plan(List.of(cm), List.of()));
    assertTrue(md.contains("<summary>+ create ConfigMap coding-agents/odd "
        + "(dir&lt;x&gt;/a&#124;b&amp;c.yaml)</summary>"), md);
    assertTrue(md.contains("\n````diff\n"), "fence longer than the content's backtick run\n" + md);
    assertEquals("a &#124; b &lt;c&gt;", PlanMarkdown.escape("a | b <c>"));
  }

  @Test
  void orphanedCarriesItsReason() {
    DesiredObject kept = configMap("kept", "kubeopencode/kept.yaml", Map.of("a", "1"));
    LiveObject l = live(kept, o -> at(o, "metadata", "annotations").put("roster.dev/prune",
        "disabled"));
    String md = PlanMarkdown.render(plan(List.of(), List.of(l)));
    assertTrue(md.contains("| orphaned | 1 |"), md);
    assertTrue(md.contains("- **orphaned** v1 ConfigMap coding-agents/kept "
        + "(kubeopencode/kept.yaml): roster.dev/prune: disabled; left in place\n"), md);
  }

  @Test
  void nothingToDoIsTheMarkerAndOneLine() {
    DesiredObject same = agent("team-agent", PROMPT, 20);
    assertEquals("<!-- roster-plan:prod -->\n### Roster plan for prod at abc1234: no changes, live matches.\n",
        PlanMarkdown.render(plan(List.of(same), List.of(live(same)))));
  }

  @Test
  void aCommentAgainstTheClusterCutToFitNamesTheSavedPlan() {
    List<DesiredObject> before = new java.util.ArrayList<>();
    List<DesiredObject> after = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      before.add(configMap("c" + i, "configmaps.yaml", Map.of("value", "before")));
      after.add(configMap("c" + i, "configmaps.yaml", Map.of("value", "after")));
    }
    Plan p = plan(after, before.stream().map(PlanFixtures::live).toList());
    String md = PlanMarkdown.render(p, new PlanView(null, 5_000, null, null));
    assertTrue(PlanMarkdown.bytes(md) <= 5_000, md);
    assertTrue(md.contains("| update | 300 |"), md);
    assertTrue(md.contains("- ~ update v1 ConfigMap coding-agents/c0 (configmaps.yaml)\n"), md);
    assertTrue(md.contains("`--out plan.json` (saved for `roster apply --plan`)"), md);
    assertTrue(PlanMarkdown.bytes(PlanMarkdown.render(p)) > 5_000, "the full comment is larger");
  }
}
