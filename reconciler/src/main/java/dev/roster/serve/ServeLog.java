package dev.roster.serve;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Serve's log: one line per event, {@code <time> <level> <source> <message>}, to the writer the
 * command was given (stderr). Messages never carry credentials: sources are named, URLs redacted
 * upstream.
 */
public final class ServeLog {
  private final PrintWriter out;

  public ServeLog(PrintWriter out) {
    this.out = out;
  }

  public void info(String source, String message) {
    line("info", source, message);
  }

  public void warn(String source, String message) {
    line("warn", source, message);
  }

  private synchronized void line(String level, String source, String message) {
    out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " "
        + (source == null || source.isEmpty() ? "-" : source) + " " + message);
    out.flush();
  }
}
