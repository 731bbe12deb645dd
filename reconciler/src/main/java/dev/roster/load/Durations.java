package dev.roster.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go durations as Kubernetes users write them ({@code 30s}, {@code 1m}, {@code 1h30m}, {@code
 * 1.5h}, {@code 250ms}), for serve's config and flags and for rollout annotations alike.
 *
 * <p>Contract, as Go's {@code time.ParseDuration}: a sequence of decimal numbers each with a unit
 * ({@code ms}, {@code s}, {@code m}, {@code h}); {@code "0"} alone is valid and means zero; an
 * empty text or a number without a unit is invalid. Sub-millisecond precision is dropped.
 */
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
