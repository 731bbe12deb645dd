package dev.roster.cli;

import dev.roster.plan.Plan;
import java.io.PrintWriter;

/** Writes a plan in the chosen format; colour only on an interactive terminal. */
final class Render {
  private Render() {}

  static void plan(Plan plan, OutputFormat format, PrintWriter out) {
    plan(plan, PlanView.live(), format, out);
  }

  /**
   * As {@link #plan(Plan, OutputFormat, PrintWriter)}; in text, without {@code createBodies},
   * each create is one line (JSON, YAML and markdown always carry the objects).
   */
  static void plan(Plan plan, OutputFormat format, PrintWriter out, boolean createBodies) {
    plan(plan, PlanView.live(), format, out, createBodies);
  }

  /** {@code plan} in {@code format}, shown as {@code view} asks (base, comment size). */
  static void plan(Plan plan, PlanView view, OutputFormat format, PrintWriter out) {
    plan(plan, view, format, out, true);
  }

  /** As {@link #plan(Plan, PlanView, OutputFormat, PrintWriter)}, creates in text as asked. */
  static void plan(Plan plan, PlanView view, OutputFormat format, PrintWriter out,
      boolean createBodies) {
    switch (format) {
      case json -> out.println(PlanJson.render(plan, view.base()));
      case yaml -> out.print(Yamls.fromJson(PlanJson.render(plan, view.base())));
      case markdown -> out.print(PlanMarkdown.render(plan, view));
      default -> PlanText.render(plan, view.base(), out, color(), createBodies);
    }
    out.flush();
  }

  static boolean color() {
    return System.console() != null && System.getenv("NO_COLOR") == null
        && !"dumb".equals(System.getenv("TERM"));
  }
}
