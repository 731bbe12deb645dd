package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one Go-duration parser, used by serve's config and flags and by rollout annotations alike:
 * both read "0" as zero and refuse a bare number.
 */
class DurationsTest {
  @Test
  void readsGoDurations() {
    assertEquals(Duration.ZERO, Durations.parse("0"));
    assertEquals(Duration.ZERO, Durations.parse("0s"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1.5h"));
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofMinutes(1), Durations.parse(" 1m "));
  }

  @Test
  void refusesWhatGoRefuses() {
    for (String bad : List.of("", " ", "5", "1x", "1m junk", "m", "-1s", "1h 30m", "00")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Durations.parse(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }
}
