package dev.roster.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.FieldChange;
import dev.roster.plan.HoldRecord;
import dev.roster.plan.Ownership;
import dev.roster.plan.RolloutState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The patch apply sends for held and released changes, from the gate's decision as data. */
class HoldPatchTest {
  static final ResourceKey KEY = new ResourceKey("x.io", "Agent", "ns", "a");
  static final String REV = "main@sha1:abcdef0123456789";
  static final Instant SINCE = Instant.parse("2025-01-01T12:00:00Z");
  static final String APPLIED = "/metadata/annotations/roster.dev~1applied-fields";
  static final String REVISION = "/metadata/annotations/roster.dev~1revision";

  static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    if (!"remove".equals(op)) {
      m.put("value", value);
    }
    return m;
  }

  static Map<String, Object> live(Map<String, String> annotations) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("resourceVersion", "7");
    if (annotations != null) {
      meta.put("annotations", annotations);
    }
    return Map.of("metadata", meta);
  }

  static Change change(Map<String, Object> live, RolloutState state,
      List<Map<String, Object>> patch) {
    return Change.builder(KEY, "x.io/v1", Action.UPDATE).desired(Map.of()).live(live)
        .fields(List.of(new FieldChange("/spec/image", FieldChange.Type.CHANGED, 1, 2)))
        .patch(patch).rollout(state).build();
  }

  static RolloutState held(HoldRecord record) {
    return new RolloutState(RolloutState.Marker.RESTART, RolloutState.Hold.HELD,
        "WaitingForTasks", 1, SINCE, SINCE.plusSeconds(3600), List.of("/spec/image"), List.of(),
        record);
  }

  static final List<Map<String, Object>> PLANNED = List.of(
      op("test", "/metadata/resourceVersion", "7"), op("replace", "/spec/image", 2),
      op("replace", "/spec/max", 3), op("add", REVISION, REV), op("add", APPLIED, "[]"));

  @Test
  void heldSendsInPlaceFieldsAndRecordsTheHold() {
    Change c = change(live(Map.of()), held(new HoldRecord(Map.of(Ownership.HELD_SINCE,
        SINCE.toString()), List.of())), PLANNED);
    assertEquals(List.of(op("test", "/metadata/resourceVersion", "7"),
        op("replace", "/spec/max", 3), op("add", REVISION, REV),
        op("add", "/metadata/annotations/roster.dev~1held-since", SINCE.toString())),
        HoldPatch.of(c));
  }

  @Test
  void heldOnAnObjectWithoutAnnotationsCreatesThem() {
    Map<String, String> record = new LinkedHashMap<>();
    record.put(Ownership.HELD_SINCE, SINCE.toString());
    record.put(Ownership.HELD_REVISION, REV);
    Change c = change(live(null), held(new HoldRecord(record, List.of())),
        List.of(op("test", "/metadata/resourceVersion", "7"), op("replace", "/spec/image", 2)));
    assertEquals(List.of(op("test", "/metadata/resourceVersion", "7"),
        op("add", "/metadata/annotations", record)), HoldPatch.of(c));
  }

  @Test
  void whollyHeldAndRecordedSendsNothing() {
    Change c = change(live(Map.of(Ownership.HELD_SINCE, SINCE.toString())),
        held(HoldRecord.NONE), List.of(op("test", "/metadata/resourceVersion", "7"),
            op("replace", "/spec/image", 2), op("add", REVISION, REV), op("add", APPLIED, "[]")));
    assertEquals(List.of(), HoldPatch.of(c), "provenance alone is not sent");
    assertEquals(false, c.writes());
  }

  @Test
  void releaseRemovesTheRecordWithThePlannedPatch() {
    RolloutState go = RolloutState.of(RolloutState.Marker.RESTART).withRecord(new HoldRecord(
        Map.of(), List.of(Ownership.HELD_SINCE, Ownership.HELD_REVISION)));
    List<Map<String, Object>> planned = List.of(op("test", "/metadata/resourceVersion", "7"),
        op("replace", "/spec/image", 2));
    Change c = change(live(Map.of()), go, planned);
    assertEquals(List.of(planned.get(0), planned.get(1),
        op("remove", "/metadata/annotations/roster.dev~1held-since", null),
        op("remove", "/metadata/annotations/roster.dev~1held-revision", null)), HoldPatch.of(c));
  }

  @Test
  void releaseOfARevertedChangeTestsTheVersionItRemovesFrom() {
    RolloutState cancelled = RolloutState.NONE.withRecord(new HoldRecord(Map.of(),
        List.of(Ownership.HELD_SINCE)));
    Change c = change(live(Map.of()), cancelled, List.of());
    assertEquals(List.of(op("test", "/metadata/resourceVersion", "7"),
        op("remove", "/metadata/annotations/roster.dev~1held-since", null)), HoldPatch.of(c));
  }

  @Test
  void aChangeWithoutHoldSendsThePlannedPatch() {
    Change c = change(live(Map.of()), RolloutState.NONE, PLANNED);
    assertEquals(PLANNED, HoldPatch.of(c));
  }
}
