package dev.roster.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Object states in the status: unhealthy first, capped, and kept through JSON and reductions. */
class ObjectStatesTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void unhealthyFirstCappedAndCounted() {
    List<ObjectState> many = new ArrayList<>();
    for (int i = 0; i < SourceStatus.STATES_LIMIT + 5; i++) {
      many.add(new ObjectState("KomputerAgent/default/a" + i, "Sleeping", false,
          "phase Sleeping", T0));
    }
    many.add(new ObjectState("KomputerAgent/default/broken", "Failed", true, "phase Failed", T0));
    SourceStatus s = StatusReducer.initial("agents", "/r", "", T0).withStates(many);
    assertEquals(SourceStatus.STATES_LIMIT, s.states().size());
    assertEquals(6, s.statesOmitted());
    assertEquals("KomputerAgent/default/broken", s.states().get(0).object());
    assertEquals(List.of(s.states().get(0)), s.unhealthy());

    SourceStatus back = StatusJson.read(StatusJson.write(s));
    assertEquals(s, back);
    assertFalse(StatusJson.write(s).contains("\"unhealthy\" : [") , "derived lists not stored");
    SourceStatus next = StatusReducer.next(back, new ReconcileRecord("r", "poll", T0, 1,
        ReconcileRecord.Counts.NONE, ReconcileRecord.NO_OP, "", ""), null, T0);
    assertEquals(s.states(), next.states(), "a reduction keeps the states");
    assertEquals(6, next.statesOmitted());
    assertTrue(StatusJson.write(StatusReducer.initial("x", "/r", "", T0)).contains(
        "\"statesOmitted\" : 0"));
  }
}
