package dev.roster.serve;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go-style durations as Kubernetes users write them: {@code 30s}, {@code 1m}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  /** The duration, or an IllegalArgumentException naming the bad text. */
  public static Duration parse(String text) {
    String t = text.trim();
    if ("0".equals(t)) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    double millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double v = Double.parseDouble(m.group(1));
      millis += v * switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        default -> 3_600_000;
      };
      end = m.end();
    }
    if (end != t.length() || t.isEmpty()) {
      throw new IllegalArgumentException("invalid duration '" + text + "': use e.g. 30s, 1m, 1h30m");
    }
    return Duration.ofMillis((long) millis);
  }
}
