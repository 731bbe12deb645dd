package dev.roster.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as one line, in a {@link LogFormat}. Serve's events carry the key-value pairs
 * {@code source}, {@code revision} and {@code trigger} (slf4j's fluent API); library events carry
 * none and are named by their logger. Each line ends with exactly one line break: messages are
 * single lines (JSON escapes any break inside).
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {
  /** Logger names under this prefix are Roster's: their lines leave the logger name out. */
  static final String ROSTER = "dev.roster";

  /**
   * Made on the first JSON line, not when the layout is: every command installs a text layout at
   * start ({@link LogDefaults}), and an ObjectMapper costs a short command tens of milliseconds.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final LogFormat format;

  public LogLayout(LogFormat format) {
    this.format = format;
  }

  @Override
  public String doLayout(ILoggingEvent e) {
    Map<String, Object> kv = new LinkedHashMap<>();
    if (e.getKeyValuePairs() != null) {
      for (KeyValuePair p : e.getKeyValuePairs()) {
        kv.put(p.key, p.value == null ? null : String.valueOf(p.value));
      }
    }
    String time = Instant.ofEpochMilli(e.getTimeStamp()).truncatedTo(ChronoUnit.MILLIS).toString();
    String level = e.getLevel().toString().toLowerCase(Locale.ROOT);
    boolean library = !e.getLoggerName().startsWith(ROSTER);
    IThrowableProxy error = e.getThrowableProxy();
    if (format == LogFormat.text) {
      Object source = kv.get("source");
      String who = library ? "[" + e.getLoggerName() + "]"
          : source == null || source.toString().isEmpty() ? "-" : source.toString();
      return time + " " + level + " " + who + " " + e.getFormattedMessage()
          + (error == null ? "" : ": " + describe(error)) + System.lineSeparator();
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", time);
    line.put("level", level);
    line.put("source", blankToNull(kv.remove("source")));
    line.put("revision", blankToNull(kv.remove("revision")));
    line.put("trigger", blankToNull(kv.remove("trigger")));
    line.put("message", e.getFormattedMessage());
    if (library) {
      line.put("logger", e.getLoggerName());
    }
    if (error != null) {
      line.put("error", describe(error));
    }
    line.putAll(kv); // any further pairs a caller added
    try {
      return Json.MAPPER.writeValueAsString(line) + System.lineSeparator();
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static Object blankToNull(Object v) {
    return v == null || v.toString().isEmpty() ? null : v;
  }

  /** {@code Class: message}, and its causes: never a stack trace on one line. */
  private static String describe(IThrowableProxy t) {
    StringBuilder s = new StringBuilder();
    for (IThrowableProxy c = t; c != null; c = c.getCause()) {
      if (!s.isEmpty()) {
        s.append("; caused by ");
      }
      s.append(c.getClassName()).append(c.getMessage() == null ? "" : ": " + c.getMessage());
    }
    return s.toString();
  }
}
