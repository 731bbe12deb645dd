package dev.roster.cli;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link Plan} as GitHub-flavoured Markdown for a pull-request comment.
 *
 * <p>Contract: the first line is the hidden marker {@code <!-- roster-plan:S -->} (S the source)
 * by which CI finds and updates its previous comment. Then the heading: {@code ### Roster plan
 * for S at R} against a cluster, {@code ### Roster plan for S (base B → head R)} with {@code
 * --base}. When every object is unchanged the heading ends {@code : no changes, live matches.}
 * (against a cluster) or {@code : no changes between the revisions.} (with {@code --base}, where
 * no cluster is involved) and nothing follows. Otherwise, in order:
 *
 * <ol>
 *   <li>the {@link AgentImpact} section ({@code #### Agents affected}: restarts, runs, re-creates,
 *       what waits and why), when any change reaches an agent;
 *   <li>when apply has nothing to write but fields differ, the text summary {@code In sync with
 *       revision R except N fields not written: …};
 *   <li>a table of counts per action (create, update, prune and unchanged always; refused and
 *       orphaned when not zero, then {@code fields not written} when not zero);
 *   <li>each plan warning (with its counts) as a {@code > **⚠️ Warning:** …} quote;
 *   <li>prunes first, as a ⚠️ list of what would be deleted;
 *   <li>one collapsed {@code <details>} per create or update, its {@code <summary>} the header
 *       (e.g. {@code ~ update Agent ns/name (file)}) and its body a {@code diff} fenced block with
 *       the same lines as {@link PlanText} without colour, starting with the {@code rollout:}
 *       impact line (the fence is longer than any backtick run inside, so prompts containing
 *       fences cannot break out);
 *   <li>for objects neither created nor updated, each field Git and live differ in that apply
 *       leaves alone, as {@code - Subject: not written: /spec/x (reason: detail)} (for creates
 *       and updates these lines end the diff block, as in {@link PlanText});
 *   <li>refused and orphaned objects with their reasons.
 * </ol>
 *
 * <p>Size: the comment never exceeds {@link PlanView#maxBytes} UTF-8 bytes. When the full comment
 * would, each diff collapses to one line per object ({@code - ~ update Kind ns/name (file) —
 * impact}); list items that still do not fit are left out; and the comment ends with {@code >
 * **✂️ Shortened to fit N bytes:** …} saying how many diffs and list items were left out, how
 * large the full comment is, and where the full plan is ({@link PlanView#fullPlan}, else the
 * command that prints it as JSON, and against a cluster saves it with {@code --out}).
 *
 * <p>In table cells, summaries and list items {@code &}, {@code |}, {@code <} and {@code >} are
 * written as HTML entities. Provenance annotations and Secret values are never shown.
 */
public final class PlanMarkdown {
  /** Bytes kept free for the closing note and section headings once items are being cut. */
  static final int RESERVE = 2_000;

  private PlanMarkdown() {}

  /** The comment body for a plan against live, default size budget, ending with a newline. */
  public static String render(Plan plan) {
    return render(plan, PlanView.live());
  }

  /** The comment body as {@code view} asks, ending with a newline. */
  static String render(Plan plan, PlanView view) {
    String full = build(plan, view, null);
    long size = bytes(full);
    return size <= view.maxBytes() ? full : build(plan, view, new Budget(view.maxBytes(), size));
  }

  /** The hidden first line CI finds its comment by. */
  static String marker(String source) {
    return "<!-- roster-plan:" + escape(source) + " -->";
  }

  private static String build(Plan plan, PlanView view, Budget cut) {
    StringBuilder b = new StringBuilder(marker(plan.source())).append('\n');
    String title = "### Roster plan for " + escape(plan.source()) + (view.offline()
        ? " (base " + escape(view.base()) + " → head " + escape(plan.revision()) + ")"
        : " at " + escape(plan.revision()));
    if (PlanFormat.idle(plan)) {
      return b.append(title).append(view.offline() ? ": no changes between the revisions.\n"
          : ": no changes, live matches.\n").toString();
    }
    b.append(title).append("\n\n").append(AgentImpact.section(plan, view));
    if (PlanFormat.inSyncExceptUnwritten(plan)) {
      b.append(escape(PlanFormat.summary(plan, view.base()))).append("\n\n");
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
      prunes.forEach(c -> item(b, cut, "- ⚠️ " + escape(PlanFormat.subject(c, true))
          + suffix(c)));
    }
    boolean first = true;
    for (Change c : plan.changes()) {
      if (c.action() != Action.CREATE && c.action() != Action.UPDATE) {
        continue;
      }
      if (cut == null) {
        details(b, c, PlanText.body(c, plan.source()));
        continue;
      }
      if (first) {
        b.append("\n**Created and updated (diffs left out to fit):**\n\n");
        first = false;
      }
      cut.diffs++;
      item(b, cut, "- " + escape(PlanFormat.header(c, true)) + suffix(c));
    }
    List<Change> quiet = plan.changes().stream()
        .filter(c -> c.action() != Action.CREATE && c.action() != Action.UPDATE)
        .filter(c -> !c.notWritten().isEmpty()).toList();
    if (!quiet.isEmpty()) {
      b.append("\n**Git and live differ, not written:**\n\n");
      quiet.forEach(c -> c.notWritten().forEach(u -> item(b, cut, "- "
          + escape(PlanFormat.subject(c, true)) + ": not written: " + escape(u.describe()))));
    }
    List<Change> left = plan.changes().stream()
        .filter(c -> c.action() == Action.REFUSED || c.action() == Action.ORPHANED
            || c.completed()).toList();
    if (!left.isEmpty()) {
      b.append("\n**Left alone:**\n\n");
      left.forEach(c -> item(b, cut, "- **" + (c.completed() ? "completed"
          : PlanFormat.verb(c.action())) + "** " + escape(PlanFormat.subject(c, true)) + ": "
          + escape(c.reason())));
    }
    if (cut != null) {
      b.append('\n').append(cut.note(view, plan.source()));
    }
    return b.toString();
  }

  /** A list line, unless it would leave too little room under the budget (then counted). */
  private static void item(StringBuilder b, Budget cut, String line) {
    if (cut != null && cut.used(b) + bytes(line) + 1 + RESERVE > cut.max) {
      cut.items++;
      return;
    }
    b.append(line).append('\n');
  }

  /** {@code  — restart, reaches …} for a change that reaches agents, else empty. */
  private static String suffix(Change c) {
    String impact = PlanFormat.impact(c);
    return impact == null ? "" : " — " + escape(impact);
  }

  /** What was left out of a comment cut to fit. */
  private static final class Budget {
    final long max;
    final long full;
    int diffs;
    int items;
    private int seen;
    private long used;

    Budget(long max, long full) {
      this.max = max;
      this.full = full;
    }

    /** The UTF-8 size of {@code b}, counting only what was appended since the last call. */
    long used(StringBuilder b) {
      used += bytes(b.subSequence(seen, b.length()));
      seen = b.length();
      return used;
    }

    String note(PlanView view, String source) {
      String where = view.fullPlan() != null ? escape(view.fullPlan())
          : view.offline() ? "run `roster plan` with the same flags and `-o json` (or `-o text`)"
          : "run `roster plan` with the same flags and `--out plan.json` (saved for `roster"
              + " apply --plan`) or `-o json`";
      return "> **✂️ Shortened to fit " + max + " bytes:** the diffs of " + diffs
          + (diffs == 1 ? " object" : " objects") + " are left out"
          + (items > 0 ? ", and " + items + (items == 1 ? " list item" : " list items")
              + " are not shown" : "")
          + " (the full comment would take " + full + " bytes). The full plan: " + where + ".\n";
    }
  }

  static long bytes(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
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
