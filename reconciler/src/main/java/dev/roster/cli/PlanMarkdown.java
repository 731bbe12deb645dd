package dev.roster.cli;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import java.util.List;

/**
 * Renders a {@link Plan} as GitHub-flavoured Markdown for a pull-request comment.
 *
 * <p>Contract: when every object is unchanged, one line: {@code ### Roster plan for S at R: no
 * changes, live matches.} Otherwise, in order:
 *
 * <ol>
 *   <li>the heading {@code ### Roster plan for S at R}; when apply has nothing to write but
 *       fields differ, the text summary {@code In sync with revision R except N fields not
 *       written: …};
 *   <li>a table of counts per action (create, update, prune and unchanged always; refused and
 *       orphaned when not zero, then {@code fields not written} when not zero);
 *   <li>each plan warning (with its counts) as a {@code > **⚠️ Warning:** …} quote;
 *   <li>prunes first, as a ⚠️ list of what would be deleted;
 *   <li>one collapsed {@code <details>} per create or update, its {@code <summary>} the header
 *       (e.g. {@code ~ update Agent ns/name (file)}) and its body a {@code diff} fenced block with
 *       the same lines as {@link PlanText} without colour (the fence is longer than any backtick
 *       run inside, so prompts containing fences cannot break out);
 *   <li>for objects neither created nor updated, each field Git and live differ in that apply
 *       leaves alone, as {@code - Subject: not written: /spec/x (reason: detail)} (for creates
 *       and updates these lines end the diff block, as in {@link PlanText});
 *   <li>refused and orphaned objects with their reasons.
 * </ol>
 *
 * <p>In table cells, summaries and list items {@code &}, {@code |}, {@code <} and {@code >} are
 * written as HTML entities. Provenance annotations and Secret values are never shown.
 */
public final class PlanMarkdown {
  private PlanMarkdown() {}

  /** The comment body, ending with a newline. */
  public static String render(Plan plan) {
    String title = "### Roster plan for " + escape(plan.source()) + " at "
        + escape(plan.revision());
    StringBuilder b = new StringBuilder();
    if (PlanFormat.idle(plan)) {
      return b.append(title).append(": no changes, live matches.\n").toString();
    }
    b.append(title).append("\n\n");
    if (PlanFormat.inSyncExceptUnwritten(plan)) {
      b.append(escape(PlanFormat.summary(plan))).append("\n\n");
    }
    b.append("| Action | Count |\n| --- | ---: |\n");
    for (Action a : PlanFormat.SUMMARY_ORDER) {
      long n = plan.count(a);
      if (n > 0 || (a != Action.REFUSED && a != Action.ORPHANED)) {
        b.append("| ").append(escape(PlanFormat.verb(a))).append(" | ").append(n).append(" |\n");
      }
    }
    if (plan.unwrittenCount() > 0) {
      b.append("| fields not written | ").append(plan.unwrittenCount()).append(" |\n");
    }
    if (!plan.warnings().isEmpty()) {
      b.append('\n');
      plan.warnings().forEach(w -> b.append("> **⚠️ Warning:** ").append(escape(w)).append('\n'));
    }
    List<Change> prunes = plan.of(Action.PRUNE);
    if (!prunes.isEmpty()) {
      b.append("\n**⚠️ Would delete ").append(prunes.size())
          .append(prunes.size() == 1 ? " object:**\n\n" : " objects:**\n\n");
      prunes.forEach(c -> b.append("- ⚠️ ").append(escape(PlanFormat.subject(c, true)))
          .append('\n'));
    }
    for (Change c : plan.changes()) {
      if (c.action() == Action.CREATE || c.action() == Action.UPDATE) {
        details(b, c, PlanText.body(c, plan.source()));
      }
    }
    List<Change> quiet = plan.changes().stream()
        .filter(c -> c.action() != Action.CREATE && c.action() != Action.UPDATE)
        .filter(c -> !c.notWritten().isEmpty()).toList();
    if (!quiet.isEmpty()) {
      b.append("\n**Git and live differ, not written:**\n\n");
      quiet.forEach(c -> c.notWritten().forEach(u -> b.append("- ")
          .append(escape(PlanFormat.subject(c, true))).append(": not written: ")
          .append(escape(u.describe())).append('\n')));
    }
    List<Change> left = plan.changes().stream()
        .filter(c -> c.action() == Action.REFUSED || c.action() == Action.ORPHANED
            || c.completed()).toList();
    if (!left.isEmpty()) {
      b.append("\n**Left alone:**\n\n");
      left.forEach(c -> b.append("- **").append(c.completed() ? "completed"
          : PlanFormat.verb(c.action())).append("** ")
          .append(escape(PlanFormat.subject(c, true))).append(": ").append(escape(c.reason()))
          .append('\n'));
    }
    return b.toString();
  }

  private static void details(StringBuilder b, Change c, List<String> body) {
    String fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
    b.append("\n<details><summary>").append(escape(PlanFormat.header(c, false)))
        .append("</summary>\n\n").append(fence).append("diff\n");
    body.forEach(line -> b.append(line).append('\n'));
    b.append(fence).append("\n\n</details>\n");
  }

  private static int longestBacktickRun(List<String> lines) {
    int best = 0;
    for (String line : lines) {
      int run = 0;
      for (int i = 0; i < line.length(); i++) {
        run = line.charAt(i) == '`' ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }

  /** {@code s} safe in a table cell, a {@code <summary>} or a list item. */
  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("|", "&#124;").replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
