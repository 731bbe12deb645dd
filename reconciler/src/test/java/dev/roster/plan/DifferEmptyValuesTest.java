package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real API server omits empty maps and lists of built-in kinds ({@code omitempty}) and drops
 * nulls, so Git's {@code data: {}} against a live object without {@code data} is no difference —
 * otherwise the plan would never converge.
 */
class DifferEmptyValuesTest {
  @Test
  void emptyMapListAndNullInGitMatchAnAbsentLiveField() {
    Map<String, Object> desired = new LinkedHashMap<>();
    desired.put("data", Map.of());
    desired.put("items", List.of());
    desired.put("note", null);
    Map<String, Object> live = Map.of("kind", "ConfigMap");
    assertEquals(List.of(), Differ.diff(desired, live, null).changes());
  }

  @Test
  void nonEmptyMapAgainstAnAbsentLiveFieldIsAdded() {
    Map<String, Object> desired = Map.of("data", Map.of("a", "1"));
    Differ.Result r = Differ.diff(desired, Map.of(), null);
    assertEquals(List.of(new FieldChange("/data", FieldChange.Type.ADDED, null, Map.of("a", "1"))),
        r.changes());
  }
}
