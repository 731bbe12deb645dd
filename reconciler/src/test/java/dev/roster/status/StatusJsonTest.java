package dev.roster.status;

import static dev.roster.status.Records.T0;
import static dev.roster.status.Records.ok;
import static dev.roster.status.Records.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  @Test
  void writesInstantsAsIso8601AndReadsBack() {
    SourceStatus s = StatusReducer.next(StatusReducer.initial("app", "/repo", "", T0),
        ok(rev("a1"), T0.plusMillis(1500)), null, T0.plusSeconds(5));
    String json = StatusJson.write(s);

    assertTrue(json.contains("\"lastTransitionTime\" : \"2026-03-01T10:00:05Z\""), json);
    assertTrue(json.contains("\"startedAt\" : \"2026-03-01T10:00:01.500Z\""), json);
    assertTrue(json.indexOf("\"source\"") < json.indexOf("\"conditions\""), "declaration order");
    assertEquals(s, StatusJson.read(json));
    assertTrue(StatusJson.write(List.of(s, s)).startsWith("["));
  }

  @Test
  void ignoresUnknownPropertiesAndRejectsNonStatus() {
    SourceStatus s = StatusReducer.initial("app", "/repo", "", T0);
    String json = StatusJson.write(s).replaceFirst("\\{", "{\"futureField\": 1,");
    assertEquals(s, StatusJson.read(json));
    assertThrows(IllegalArgumentException.class, () -> StatusJson.read("[1, 2]"));
  }

  @Test
  void heldRolloutsRoundTripAndOldStatusReadsWithoutThem() {
    SourceStatus s = StatusReducer.initial("app", "/repo", "", T0).withHeldRollouts(List.of(
        new HeldRollout("Agent/default/coder", "WaitingForTasks", 2, T0,
            T0.plusSeconds(3600), rev("a1")),
        new HeldRollout("Agent/default/lead", "AwaitingApproval", 0, T0, null, rev("a1"))));
    String json = StatusJson.write(s);
    assertTrue(json.contains("\"heldRollouts\""), json);
    assertTrue(json.contains("\"deadline\" : \"2026-03-01T11:00:00Z\""), json);
    assertEquals(s, StatusJson.read(json));

    SourceStatus old = StatusReducer.initial("app", "/repo", "", T0);
    String oldJson = StatusJson.write(old).replaceAll(",\\s*\"heldRollouts\"\\s*:\\s*\\[\\s*\\]", "");
    assertTrue(!oldJson.contains("heldRollouts"), oldJson);
    assertEquals(List.of(), StatusJson.read(oldJson).heldRollouts());
    assertEquals(old, StatusJson.read(oldJson));
    assertEquals(List.of(), StatusJson.read(oldJson.replaceFirst("\\{",
        "{\"heldRollouts\": null,")).heldRollouts());
  }

  @Test
  void reducerKeepsHeldRolloutsUntilReplaced() {
    SourceStatus s = StatusReducer.initial("app", "/repo", "", T0).withHeldRollouts(List.of(
        new HeldRollout("Agent/default/coder", "WaitingForTasks", 1, T0, null, "")));
    SourceStatus next = StatusReducer.next(s, ok(rev("a1"), T0), null, T0.plusSeconds(5));
    assertEquals(s.heldRollouts(), next.heldRollouts());
    assertEquals(s.heldRollouts(), StatusReducer.progressing(next, "x", T0).heldRollouts());
  }
}
