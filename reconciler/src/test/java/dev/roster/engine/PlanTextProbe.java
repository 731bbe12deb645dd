package dev.roster.engine;

import dev.roster.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The plan as `roster plan` prints it. */
final class PlanTextProbe {
  private PlanTextProbe() {}

  static String text(Plan p) {
    StringWriter w = new StringWriter();
    dev.roster.cli.PlanText.render(p, new PrintWriter(w), false);
    return w.toString();
  }
}
