package dev.roster.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Where log events go, on the logging backend (logback). By default ({@link LogDefaults}) every
 * command sends library warnings to stderr as text; {@code serve} {@link #install installs} its
 * {@code --log-format} and {@code --log-level} for the time it runs.
 *
 * <p>Levels: Roster's own loggers ({@code dev.roster.*}) log at the chosen level; libraries log
 * at WARN, or ERROR when the chosen level is ERROR. Library debug logs are never turned on: they
 * can carry request details, and Roster never logs secrets.
 */
public final class Logging {
  private static final AtomicInteger LOGGERS = new AtomicInteger();

  private Logging() {}

  /** The context slf4j is bound to. */
  static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /** The library level for Roster's level {@code level}: WARN, or ERROR below it. */
  static Level libraries(Level level) {
    return level.isGreaterOrEqual(Level.ERROR) ? Level.ERROR : Level.WARN;
  }

  /**
   * Sends every event (Roster's at {@code level} and up, libraries' per {@link #libraries}) to
   * {@code out} in {@code format}, replacing the default stderr appender until the returned
   * handle is closed, which restores what was there.
   */
  static AutoCloseable install(PrintWriter out, LogFormat format, Level level) {
    LoggerContext ctx = context();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger roster = ctx.getLogger(LogLayout.ROSTER);
    Level rootBefore = root.getLevel();
    Level rosterBefore = roster.getLevel();
    List<Appender<ILoggingEvent>> before = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      before.add(it.next());
    }
    Appender<ILoggingEvent> appender = appender(ctx, out, format, "serve");
    before.forEach(root::detachAppender); // detached, not stopped: they are put back as they were
    root.addAppender(appender);
    root.setLevel(libraries(level));
    roster.setLevel(level);
    return () -> {
      root.detachAppender(appender);
      appender.stop();
      before.forEach(root::addAppender);
      root.setLevel(rootBefore);
      roster.setLevel(rosterBefore);
    };
  }

  /**
   * A logger of its own under {@code dev.roster.serve}, writing only to {@code out} (not to the
   * root's appenders) at {@code level}: for tests and tools that run serve in-process and read
   * its log.
   */
  public static org.slf4j.Logger toWriter(PrintWriter out, LogFormat format, Level level) {
    LoggerContext ctx = context();
    Logger logger = ctx.getLogger("dev.roster.serve.writer" + LOGGERS.incrementAndGet());
    logger.setAdditive(false);
    logger.setLevel(level);
    logger.addAppender(appender(ctx, out, format, logger.getName()));
    return logger;
  }

  private static Appender<ILoggingEvent> appender(LoggerContext ctx, PrintWriter out,
      LogFormat format, String name) {
    WriterAppender a = new WriterAppender(out, new LogLayout(format));
    a.setContext(ctx);
    a.setName(name);
    a.start();
    return a;
  }

  /** Writes each event as one line to a writer and flushes it. */
  private static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter out;
    private final LogLayout layout;

    WriterAppender(PrintWriter out, LogLayout layout) {
      this.out = out;
      this.layout = layout;
    }

    @Override
    protected void append(ILoggingEvent e) { // AppenderBase.doAppend holds the lock
      out.print(layout.doLayout(e));
      out.flush();
    }
  }
}
