package dev.roster.cli;

import dev.roster.source.Urls;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The last guard before a terminal or log collector: every line written through it passes {@link
 * Urls#redact} first, so a URL's userinfo or query token that slipped into any message, stack
 * trace or plan never reaches standard output or error. Messages are redacted where they are
 * made too; this catches what a future change forgets.
 *
 * <p>Contract: whole lines are redacted (a URL is never split across two writes to the target);
 * {@link #flush} passes on complete lines only, and {@link #finish} the rest. Not thread-safe by
 * itself: the {@link PrintWriter} around it locks.
 */
final class RedactingWriter extends Writer {
  private final PrintWriter target;
  private final StringBuilder pending = new StringBuilder();

  private RedactingWriter(PrintWriter target) {
    this.target = target;
  }

  /** A print writer (flushing on println) that redacts into {@code target}. */
  static PrintWriter around(PrintWriter target) {
    return new PrintWriter(new RedactingWriter(target), true);
  }

  /**
   * A stream that redacts each line into {@code target}: for {@code System.err}, where library
   * logs (slf4j-simple) write without going through the CLI's writers.
   */
  static PrintStream stream(PrintStream target) {
    PrintWriter lines = around(new PrintWriter(target, true, StandardCharsets.UTF_8));
    return new PrintStream(new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
          lines.write(line.toString(StandardCharsets.UTF_8));
          lines.flush(); // PrintWriter.write never flushes: without this the line stays buffered
          line.reset();
        }
      }
    }, true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(char[] chars, int off, int len) {
    int start = pending.length();
    pending.append(chars, off, len);
    int nl = pending.lastIndexOf("\n");
    if (nl >= start) {
      target.write(Urls.redact(pending.substring(0, nl + 1)));
      pending.delete(0, nl + 1);
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  /** Writes out a last line without a line break, then flushes. */
  void finish() {
    if (!pending.isEmpty()) {
      target.write(Urls.redact(pending.toString()));
      pending.setLength(0);
    }
    target.flush();
  }

  @Override
  public void close() {
    finish();
  }
}
