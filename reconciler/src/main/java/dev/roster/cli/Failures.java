package dev.roster.cli;

import dev.roster.apply.ApplyException;
import dev.roster.engine.InvalidDesiredStateException;
import dev.roster.kube.ClusterException;
import dev.roster.load.Problem;
import dev.roster.source.SourceException;
import java.io.PrintWriter;
import java.util.Set;

/** Maps stage exceptions of plan and apply to a message on stderr and an exit code. */
final class Failures {
  /** Source failures that a wrong --repo, --ref or --path causes: usage errors, not outages. */
  private static final Set<String> BAD_ARGUMENT =
      Set.of("RootNotFound", "PathNotFound", "RefNotFound", "InvalidUrl", "InvalidPath");

  private Failures() {}

  /** The exit code for {@code e}, after printing what went wrong; rethrows anything else. */
  static int report(RuntimeException e, PrintWriter err) {
    if (e instanceof InvalidDesiredStateException inv) {
      for (Problem p : inv.report().problems()) {
        err.println(p.format());
      }
      err.println("roster: " + ReportPrinter.summary(inv.report()) + "; nothing applied");
      return ExitCode.INVALID;
    }
    if (e instanceof SourceException s) {
      err.println("roster: source " + s.reason() + ": " + s.getMessage());
      return BAD_ARGUMENT.contains(s.reason()) ? ExitCode.USAGE : ExitCode.UNREACHABLE;
    }
    if (e instanceof ClusterException c) {
      err.println("roster: cluster " + c.reason() + ": " + c.getMessage());
      return ClusterException.KUBECONFIG_INVALID.equals(c.reason()) ? ExitCode.USAGE : ExitCode.UNREACHABLE;
    }
    if (e instanceof ApplyException a) {
      err.println("roster: " + a.reason() + ": " + a.getMessage());
      return ExitCode.APPLY_FAILED;
    }
    throw e;
  }
}
