package dev.roster.cli;

import dev.roster.apply.ApplyProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Apply progress on stderr, for applies long enough to need it: nothing until {@code every} has
 * passed since the apply started, then {@code apply: <done>/<total> writes (<pct>%), <s>s} at most
 * once per {@code every}, and the last count when the writes are done (only if a line was
 * printed). Not on a terminal (a log, CI) each is a line of its own; on a terminal one line is
 * rewritten in place. Thread-safe: the writing threads call it.
 */
final class ProgressLines implements ApplyProgress {
  private final PrintWriter err;
  private final boolean terminal;
  private final long everyNanos;
  private final LongSupplier nanos;
  private final long start;
  private long last;
  private boolean printed;
  private int highest;

  ProgressLines(PrintWriter err, boolean terminal, Duration every, LongSupplier nanos) {
    this.err = err;
    this.terminal = terminal;
    this.everyNanos = every.toNanos();
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.last = start;
  }

  /** Progress lines to {@code err}, on a terminal when this JVM has a console. */
  static ProgressLines toStderr(PrintWriter err, Duration every) {
    return new ProgressLines(err, System.console() != null, every, System::nanoTime);
  }

  @Override
  public synchronized void written(int count, int total) {
    // Writers count before they get here, so counts can arrive out of order: a line never shows
    // fewer writes than one before it.
    highest = Math.max(highest, count);
    int done = highest;
    long now = nanos.getAsLong();
    boolean finished = done >= total;
    if (now - last < everyNanos && !(finished && printed)) {
      return;
    }
    last = now;
    printed = true;
    String line = "apply: " + done + "/" + total + " writes (" + (total == 0 ? 100
        : done * 100L / total) + "%), " + Duration.ofNanos(now - start).toSeconds() + "s";
    if (terminal) {
      err.print("\r" + line + (finished ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }
}
