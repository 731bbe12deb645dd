package dev.roster.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Serve's log, through slf4j: one event per thing that happened, with the key-value pairs {@code
 * source}, and for a pass or a webhook {@code revision} and {@code trigger}, so that a structured
 * backend format (serve {@code --log-format json}) carries them as fields. The message itself
 * reads whole in a text line. Messages never carry credentials: sources are named, URLs redacted
 * upstream.
 */
public final class ServeLog {
  /** The logger serve writes to unless it is given one. */
  public static final String LOGGER = "dev.roster.serve";

  private final Logger logger;

  public ServeLog(Logger logger) {
    this.logger = logger;
  }

  /** Serve's own logger, {@value #LOGGER}. */
  public static ServeLog standard() {
    return new ServeLog(LoggerFactory.getLogger(LOGGER));
  }

  /** A log that drops everything (benchmarks). */
  public static ServeLog discarding() {
    return new ServeLog(NOPLogger.NOP_LOGGER);
  }

  public void info(String source, String message) {
    event(logger.atInfo(), source, null, null, message);
  }

  public void warn(String source, String message) {
    event(logger.atWarn(), source, null, null, message);
  }

  /** A line about one pass or delivery: its revision (or null) and trigger. */
  public void pass(boolean warn, String source, String revision, String trigger, String message) {
    event(warn ? logger.atWarn() : logger.atInfo(), source, revision, trigger, message);
  }

  private static void event(LoggingEventBuilder e, String source, String revision,
      String trigger, String message) {
    e = e.addKeyValue("source", source == null || source.isEmpty() ? null : source);
    if (revision != null && !revision.isEmpty()) {
      e = e.addKeyValue("revision", revision);
    }
    if (trigger != null) {
      e = e.addKeyValue("trigger", trigger);
    }
    e.log(message);
  }
}
