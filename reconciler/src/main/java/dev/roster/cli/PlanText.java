package dev.roster.cli;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.FieldChange;
import dev.roster.plan.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Plan} for a terminal.
 *
 * <p>Contract: one header line per object that is created, updated, pruned, refused or orphaned
 * (unchanged objects are only counted), in plan order — for example {@code + create
 * kubeopencode.io/v1alpha1 Agent coding-agents/team-agent (kubeopencode/agents.yaml)}, {@code ~
 * update …}, {@code - prune …}, {@code ! refused …: reason}, {@code = orphaned …: reason}. Under a
 * create, the new object's YAML with {@code +} before each line; under an update, a unified diff
 * (3 lines of context) of only the fields Git sets (see {@link PlanYaml}); a prune has only its
 * header ({@code roster apply} also leaves out a create's YAML unless {@code --show-bodies}).
 * An update that writes a field whose profile says what writing it does on the platform
 * gets an {@code effect: /spec/x: …} line. A change of a kind with a rollout profile starts its
 * body with {@code rollout: restart, reaches Agent/ns/a, …} (or {@code in-place}, {@code new-run},
 * {@code recreate}: {@link PlanFormat#impact}), with or without a cluster. An object with fields
 * Git and live differ in that apply leaves alone (held, written by
 * the platform, ignored, immutable) gets one {@code not written: /spec/x (reason: detail)} line
 * per field at the end of its body, and is shown even when otherwise unchanged (header {@code
 *   unchanged …}). Bodies are indented four spaces and followed by a blank line. The last line is the
 * summary: {@code Plan: 2 to create, 1 to update, 1 to prune, 30 unchanged}, with {@code , N
 * refused}, {@code , N orphaned} and {@code , N fields not written} when not zero, or {@code No changes. Live matches revision
 * R.}, after one {@code warning: …} line per plan warning (e.g. objects labelled for the source
 * that no inventory lists, with their count). Provenance annotations and Secret values are never shown. ANSI colour (green {@code +},
 * red {@code -}, cyan {@code @@}, yellow update headers) is written only when asked for.
 */
public final class PlanText {
  static final String GREEN = "\u001b[32m";
  static final String RED = "\u001b[31m";
  static final String YELLOW = "\u001b[33m";
  static final String CYAN = "\u001b[36m";
  static final String RESET = "\u001b[0m";
  private static final String INDENT = "    ";

  private PlanText() {}

  /**
   * Writes {@code plan} to {@code out} and flushes it, creates with their YAML.
   *
   * @param color whether to write ANSI colour codes
   */
  public static void render(Plan plan, PrintWriter out, boolean color) {
    render(plan, null, out, color, true);
  }

  /**
   * As {@link #render(Plan, PrintWriter, boolean)}; without {@code createBodies}, a create is
   * its header line alone, with its rollout impact at the end ({@code [new-run]}) instead of a
   * {@code rollout:} line (plus any {@code effect:} and {@code not written:} lines, which are
   * never dropped), so the output grows with what changes, not with the size of new objects.
   */
  public static void render(Plan plan, PrintWriter out, boolean color, boolean createBodies) {
    render(plan, null, out, color, createBodies);
  }

  /**
   * As {@link #render(Plan, PrintWriter, boolean)}, for a plan of {@code plan.revision()} against
   * {@code base} when not null (no cluster: an idle plan says {@code No changes between B and R.}).
   */
  public static void render(Plan plan, String base, PrintWriter out, boolean color) {
    render(plan, base, out, color, true);
  }

  /** As {@link #render(Plan, String, PrintWriter, boolean)}, creates with or without YAML. */
  public static void render(Plan plan, String base, PrintWriter out, boolean color,
      boolean createBodies) {
    for (Change c : plan.changes()) {
      if (c.completed()) { // removed by the platform on purpose: left so
        out.println("  completed " + PlanFormat.subject(c, true) + ": " + c.reason());
        continue;
      }
      if (c.action() == Action.UNCHANGED && c.notWritten().isEmpty()) {
        continue;
      }
      out.println(paint(color, headerColor(c.action()), header(c, createBodies)));
      List<String> body = body(c, plan.source(), createBodies);
      for (String line : body) {
        out.println(INDENT + paint(color, lineColor(line), line));
      }
      if (!body.isEmpty()) {
        out.println();
      }
    }
    PlanFormat.warnings(plan).forEach(w -> out.println(paint(color, YELLOW, w)));
    out.println(PlanFormat.summary(plan, base));
    out.flush();
  }

  /**
   * The lines under a header, uncoloured: first, for a kind with a rollout profile, {@code
   * rollout: <marker>[, reaches Kind/ns/name, …]} ({@link PlanFormat#impact}); then YAML for a
   * create, a diff (or a note) for an update;
   * then one {@code effect: /spec/x: what writing it does} line per profile effect of a written
   * field, and one {@code not written: …} line per field Git and live differ in that apply
   * leaves alone.
   */
  static List<String> body(Change c, String source) {
    return body(c, source, true);
  }

  private static List<String> body(Change c, String source, boolean createBodies) {
    List<String> notWritten = PlanFormat.notWritten(c);
    boolean oneLine = c.action() == Action.CREATE && !createBodies;
    List<String> written = oneLine ? List.of() : written(c, source);
    String impact = oneLine ? null : PlanFormat.impact(c); // then in the header
    if (notWritten.isEmpty() && c.effects().isEmpty() && impact == null) {
      return written;
    }
    List<String> all = new ArrayList<>();
    if (impact != null) {
      all.add("rollout: " + impact);
    }
    all.addAll(written);
    c.effects().forEach(e -> all.add("effect: " + e.describe()));
    all.addAll(notWritten);
    return all;
  }

  private static List<String> written(Change c, String source) {
    return switch (c.action()) {
      case CREATE -> PlanYaml.created(c);
      case UPDATE -> {
        List<String> diff = PlanYaml.diff(c, source);
        yield diff.isEmpty() ? List.of(note(c)) : diff;
      }
      default -> List.of();
    };
  }

  /** The header line; a one-line create carries its rollout impact as {@code [new-run]}. */
  private static String header(Change c, boolean createBodies) {
    String impact = c.action() == Action.CREATE && !createBodies ? PlanFormat.impact(c) : null;
    return PlanFormat.header(c, true) + (impact == null ? "" : " [" + impact + "]");
  }

  /** Why an update shows no YAML difference. */
  private static String note(Change c) {
    boolean onlyRecord = c.fields().stream().map(FieldChange::pointer)
        .allMatch(p -> p.startsWith("/metadata/annotations/roster.dev~1"));
    if (onlyRecord) {
      return "(only Roster's record of the fields it sets changes)";
    }
    return PlanRedaction.isSecret(c.key())
        ? "(the changed values are redacted)" : "(no difference in the fields shown)";
  }

  private static String headerColor(Action a) {
    return switch (a) {
      case CREATE -> GREEN;
      case UPDATE, ORPHANED -> YELLOW;
      case PRUNE, REFUSED -> RED;
      case UNCHANGED -> null;
    };
  }

  private static String lineColor(String line) {
    if (line.startsWith("@@")) {
      return CYAN;
    }
    if (line.startsWith("+")) {
      return GREEN;
    }
    return line.startsWith("-") ? RED : null;
  }

  private static String paint(boolean color, String code, String text) {
    return color && code != null ? code + text + RESET : text;
  }
}
