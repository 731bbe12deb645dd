package dev.roster.cli;

import dev.roster.engine.InvalidDesiredStateException;
import dev.roster.failure.Reason;
import dev.roster.failure.RosterException;
import dev.roster.load.Problem;
import dev.roster.serve.ServeConfigException;
import java.io.PrintWriter;

/**
 * The one mapping from a failure to what the CLI prints and the exit code it returns. A failure
 * prints as {@code roster: <stage> <Reason>: <message>}, after its located problems if it has any.
 */
final class Failures {
  private Failures() {}

  /** The exit code for {@code e}, after printing what went wrong; rethrows anything else. */
  static int report(RuntimeException e, PrintWriter err) {
    if (!(e instanceof RosterException failure)) {
      throw e;
    }
    if (e instanceof InvalidDesiredStateException inv) {
      inv.report().problems().forEach(p -> err.println(p.format()));
      err.println("roster: " + ReportPrinter.summary(inv.report()) + "; nothing applied");
    } else {
      if (e instanceof ServeConfigException s) {
        s.problems().forEach(p -> err.println(p.format()));
      }
      Reason r = failure.reason();
      err.println("roster: " + r.stage() + " " + r.text() + ": " + e.getMessage());
    }
    return exitCode(failure.reason());
  }

  /** The exit code for a failure with {@code reason}; listed in {@code --help} and README. */
  static int exitCode(Reason reason) {
    return switch (reason.kind()) {
      case BAD_ARGUMENT -> ExitCode.USAGE;
      case INVALID_INPUT -> ExitCode.INVALID;
      case REFUSED -> ExitCode.APPLY_FAILED;
      case UNAVAILABLE -> ExitCode.UNREACHABLE;
    };
  }
}
