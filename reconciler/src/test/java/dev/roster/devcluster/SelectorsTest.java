package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorsTest {
  static final Map<String, String> LABELS = Map.of("tier", "blue", "app", "x");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "tier=blue | true",
    "tier==blue | true",
    "tier!=blue | false",
    "tier | true",
    "!tier | false",
    "!missing | true",
    "tier in (red, blue) | true",
    "tier in (red) | false",
    "tier notin (red) | true",
    "missing notin (red) | true",
    "missing in (red) | false",
    "tier in (blue),app=x | true",
    "tier in (blue),app=y | false",
    "'' | true",
  })
  void matches(String selector, boolean expected) {
    assertEquals(expected, Selectors.parse(selector).test(LABELS), selector);
  }

  @Test
  void setBasedDetection() {
    assertTrue(Selectors.isSetBased("a in (b)"));
    assertTrue(Selectors.isSetBased("x=y,a notin (b,c)"));
    assertFalse(Selectors.isSetBased("a=b,!c"));
    assertFalse(Selectors.isSetBased(null));
  }

  @Test
  void badRequirement() {
    assertThrows(IllegalArgumentException.class, () -> Selectors.parse("a b c"));
  }

  @Test
  void queryIsDecoded() {
    assertEquals(Map.of("labelSelector", "a in (b,c)", "dryRun", "All"),
        Selectors.query("/api/v1/pods?labelSelector=a+in+%28b%2Cc%29&dryRun=All"));
  }
}
