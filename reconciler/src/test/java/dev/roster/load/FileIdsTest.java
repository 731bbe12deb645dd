package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A directory's files and ids come back as given, sorted by name, whatever form the ids take. */
class FileIdsTest {
  private static final String A = "0123456789abcdef0123456789abcdef01234567";
  private static final String B = "fedcba9876543210fedcba9876543210fedcba98";

  private static List<String> pairs(FileIds f) {
    List<String> out = new ArrayList<>();
    f.forEach((name, id) -> out.add(name + "=" + id));
    return out;
  }

  @Test
  void gitIdsComeBackEqualAndNamesSorted() {
    FileIds f = FileIds.of(List.of("b.yaml", "a.yaml", "c.yml"), List.of(B, A, A));
    assertEquals(List.of("a.yaml=" + A, "b.yaml=" + B, "c.yml=" + A), pairs(f));
    assertEquals(List.of("a.yaml", "b.yaml", "c.yml"), f.names());
    assertEquals(B, f.get("b.yaml"));
    assertTrue(f.contains("c.yml"));
    assertFalse(f.contains("b.yml"));
    assertNull(f.get("zz.yaml"));
  }

  @Test
  void otherIdsAndNullsAreKeptAsGiven() {
    FileIds upper = FileIds.of(List.of("x.yaml", "w.yaml"), List.of(A.toUpperCase(), A));
    assertEquals(List.of("w.yaml=" + A, "x.yaml=" + A.toUpperCase()), pairs(upper));
    FileIds none = FileIds.of(List.of("x.yaml"), Arrays.asList((String) null));
    assertEquals(List.of("x.yaml=null"), pairs(none));
    FileIds some = FileIds.of(List.of("x.yaml", "y.yaml"), Arrays.asList(null, "7"));
    assertEquals(List.of("x.yaml=null", "y.yaml=7"), pairs(some));
    assertEquals(0, FileIds.of(List.of(), List.of()).size());
  }
}
