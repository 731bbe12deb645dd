package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ChangeValidator's index values: one element alone, several in order, none as null. */
class RecsTest {
  private final String a = new String("a");
  private final String b = new String("b");
  private final String c = new String("c");

  @Test
  void oneIsTheElementItselfAndSeveralKeepTheirPlaces() {
    Object one = Recs.with(null, b, 0);
    assertSame(b, one);
    Object two = Recs.with(one, a, 0);
    Object three = Recs.with(two, c, 2);
    assertEquals(List.of(a, b, c), Recs.of(three));
    assertEquals(List.of(a, c, b), Recs.of(Recs.with(two, c, 1)));
    assertEquals(List.of(), Recs.of(null));
  }

  @Test
  void removedByInstanceDownToNull() {
    Object three = Recs.with(Recs.with(Recs.with(null, a, 0), b, 1), c, 2);
    Object two = Recs.without(three, b);
    assertEquals(List.of(a, c), Recs.of(two));
    assertSame(two, Recs.without(two, new String("a")), "an equal other instance is not removed");
    Object one = Recs.without(two, a);
    assertSame(c, one);
    assertNull(Recs.without(one, c));
  }
}
