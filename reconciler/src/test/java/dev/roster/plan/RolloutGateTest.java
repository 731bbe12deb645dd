package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate as a pure function of plan, profiles, related objects and time. */
class RolloutGateTest {
  static final Profile.Rollout AGENT = new Profile.Rollout(List.of("/spec/image"),
      List.of("/metadata", "/spec/max"), false,
      new Profile.ActiveWork("x.io", "Task", "x.io/agent", "/status/phase",
          List.of("Running", "")),
      List.of("/spec/suspend"), false, List.of(), List.of());
  static final ResourceKey KEY = new ResourceKey("x.io", "Agent", "ns", "a");
  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  static Change update(Map<String, String> annotations, String... pointers) {
    Map<String, Object> live = new LinkedHashMap<>();
    live.put("metadata", Map.of("resourceVersion", "7", "annotations", annotations));
    List<FieldChange> fields = new java.util.ArrayList<>();
    List<Map<String, Object>> patch = new java.util.ArrayList<>();
    patch.add(Differ.op("test", "/metadata/resourceVersion", "7"));
    for (String p : pointers) {
      fields.add(new FieldChange(p, FieldChange.Type.CHANGED, 1, 2));
      patch.add(Differ.op("replace", p, 2));
    }
    return Change.builder(KEY, "x.io/v1", Action.UPDATE).desired(Map.of("metadata", Map.of()))
        .live(live).fields(fields).patch(patch).build();
  }

  static Plan gate(Change c, int running) {
    List<Map<String, Object>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < running; i++) {
      tasks.add(Map.of("metadata", Map.of("labels", Map.of("x.io/agent", "a")),
          "status", Map.of("phase", "Running")));
    }
    tasks.add(Map.of("metadata", Map.of("labels", Map.of("x.io/agent", "other"))));
    tasks.add(Map.of("metadata", Map.of("labels", Map.of("x.io/agent", "a")),
        "status", Map.of("phase", "Completed")));
    return new RolloutGate(k -> AGENT).apply(new Plan("s", "main@sha1:abcdef0123456789", List.of(c),
        0), (g, k, ns) -> tasks, NOW);
  }

  @Test
  void splitsInPlaceFromRestartAndHoldsOnlyRestart() {
    Change out = gate(update(Map.of(), "/spec/image", "/spec/max"), 2).changes().get(0);
    assertEquals(RolloutState.Hold.HELD, out.rollout().hold());
    assertEquals(2, out.rollout().inFlight());
    assertEquals(NOW.plus(Duration.ofHours(1)), out.rollout().deadline());
    assertEquals(List.of("/spec/image"), out.rollout().heldPointers());
    assertTrue(HoldRecord.goesNow("/spec/max", out.rollout()));
    assertFalse(HoldRecord.goesNow("/spec/image", out.rollout()));
    assertEquals(Map.of(Ownership.HELD_SINCE, "2025-01-01T12:00:00Z",
        Ownership.HELD_REVISION, "main@sha1:abcdef0123456789"), out.rollout().record().set());
    assertEquals(update(Map.of(), "/spec/image", "/spec/max").patch(), out.patch(),
        "the gate leaves the planner's patch as it is; apply sends part of it");
    assertTrue(out.writes());
  }

  @Test
  void idleAgentGoesAndClearsRecordedHold() {
    Change out = gate(update(Map.of(Ownership.HELD_SINCE, "2025-01-01T11:00:00Z"),
        "/spec/image"), 0).changes().get(0);
    assertEquals(RolloutState.Hold.NONE, out.rollout().hold());
    assertEquals(RolloutState.Marker.RESTART, out.rollout().marker());
    assertEquals(List.of(Ownership.HELD_SINCE), out.rollout().record().clear());
    assertTrue(out.fields().contains(new FieldChange("/metadata/annotations/roster.dev~1held-since",
        FieldChange.Type.REMOVED, "2025-01-01T11:00:00Z", null)));
  }

  @Test
  void whollyHeldWithHoldRecordedWritesNothing() {
    Change out = gate(update(Map.of(Ownership.HELD_SINCE, "2025-01-01T11:30:00Z",
        Ownership.HELD_REVISION, "main@sha1:abcdef0123456789"), "/spec/image"), 1)
        .changes().get(0);
    assertTrue(out.rollout().record().isEmpty());
    assertFalse(out.writes());
    assertEquals(Instant.parse("2025-01-01T11:30:00Z"), out.rollout().since());
  }

  @Test
  void timeoutForces() {
    Change out = gate(update(Map.of(Ownership.HELD_SINCE, "2025-01-01T10:59:59Z"),
        "/spec/image"), 1).changes().get(0);
    assertEquals(RolloutState.Hold.FORCED, out.rollout().hold());
  }

  @Test
  void runtimeOwnedFieldChangedOnlyLiveIsLeftAndReported() {
    Change out = gate(update(Map.of(), "/spec/suspend"), 0).changes().get(0);
    assertEquals(Action.UNCHANGED, out.action());
    assertEquals(List.of("/spec/suspend"), out.notWritten().stream().map(Unwritten::pointer)
        .toList());
    assertEquals(Unwritten.Reason.PLATFORM_WRITTEN, out.notWritten().get(0).reason());
  }

  @Test
  void runtimeOwnedFieldChangedInGitIsWritten() {
    Change c = update(Map.of(ThreeWay.DIGESTS, "{\"/spec/suspend\":\"00000000\"}"),
        "/spec/suspend");
    c = c.toBuilder().desired(Map.of("metadata", Map.of(), "spec", Map.of("suspend", 2))).build();
    Change out = gate(c, 0).changes().get(0);
    assertEquals(Action.UPDATE, out.action());
    assertTrue(out.notWritten().isEmpty(), out.notWritten()::toString);
    assertTrue(out.patch().stream().anyMatch(op -> "/spec/suspend".equals(op.get("path"))));
    assertTrue(out.patch().stream().anyMatch(op -> String.valueOf(op.get("path"))
        .endsWith("applied-digests")), "Git's new value is recorded as it is written");
  }

  @Test
  void approval() {
    assertTrue(RolloutGate.approved("abcdef0", "main@sha1:abcdef0123"));
    assertTrue(RolloutGate.approved("main@sha1:abcdef0123", "main@sha1:abcdef0123"));
    assertFalse(RolloutGate.approved("abc", "main@sha1:abcdef0123"));
    assertFalse(RolloutGate.approved("1234567", "main@sha1:abcdef0123"));
  }
}
