package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlatformFields;
import dev.roster.plan.Unwritten;
import dev.roster.validate.SchemaCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as drift: a change to what Git sets, or a deletion; not Roster's own writes. */
class DriftTest {
  private static final ResourceKey KEY = new ResourceKey("", "ConfigMap", "default", "cfg");
  private final Planner planner = new Planner(new KindOrder(SchemaCatalog.bundled()));
  private final Planner.Options options = new Planner.Options("src", "main@sha1:1", "repo");
  private final Drift drift = new Drift(planner, "src", k -> null, k -> List.of());
  private final DesiredObject desired = new DesiredObject(KEY, "v1", Map.of("apiVersion", "v1",
      "kind", "ConfigMap", "metadata", Map.of("name", "cfg", "namespace", "default"),
      "data", Map.of("k", "v")), null);

  /** The object as Roster writes it, with a resourceVersion. */
  private Map<String, Object> written() {
    return written(List.of());
  }

  /** The object as Roster writes it with the source's {@code ignored} fields. */
  private Map<String, Object> written(List<String> ignored) {
    Change c = PlatformFields.record(planner.plan(List.of(desired), Map.of(),
        Inventory.empty("src"), options).changes().get(0), null, ignored);
    Map<String, Object> o = copy(c.desired());
    meta(o).put("resourceVersion", "7");
    return o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? copy((Map<String, Object>) sub)
        : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> o) {
    return (Map<String, Object>) o.get("metadata");
  }

  @Test
  void nothingDepartsBeforeAPlan() {
    assertFalse(drift.departs(KEY, null));
  }

  @Test
  @SuppressWarnings("unchecked")
  void ownWritesAndOthersFieldsDoNotDepart() {
    drift.wanted(List.of(desired), options);
    Map<String, Object> live = written();
    assertFalse(drift.departs(KEY, new LiveObject(KEY, live)));
    ((Map<String, Object>) meta(live).get("labels")).put("team", "x");
    live.put("status", Map.of("phase", "Ready"));
    assertFalse(drift.departs(KEY, new LiveObject(KEY, live)));
  }

  @Test
  void editsOfWhatGitSetsAndDeletionsDepart() {
    drift.wanted(List.of(desired), options);
    Map<String, Object> live = written();
    live.put("data", Map.of("k", "edited"));
    assertTrue(drift.departs(KEY, new LiveObject(KEY, live)));
    assertTrue(drift.departs(KEY, null));
  }

  @Test
  void objectsGitDoesNotWantAreLeftToThePass() {
    drift.wanted(List.of(), options);
    assertFalse(drift.departs(KEY, null));
    assertFalse(drift.departs(KEY, new LiveObject(KEY, written())));
  }

  @Test
  void aHandEditOfAFieldRosterLeavesAloneDepartsOnceSoStatusNamesIt() {
    Drift ignoring = new Drift(planner, "src", k -> null, k -> List.of("/data/k"));
    ignoring.wanted(List.of(desired), options);
    Map<String, Object> live = written(List.of("/data/k"));
    assertFalse(ignoring.departs(KEY, new LiveObject(KEY, live)));
    live.put("data", Map.of("k", "edited"));
    assertTrue(ignoring.departs(KEY, new LiveObject(KEY, live)), "now differs, not written");
    assertFalse(ignoring.departs(KEY, new LiveObject(KEY, live)), "already said");
    live.put("data", Map.of("k", "v"));
    assertTrue(ignoring.departs(KEY, new LiveObject(KEY, live)), "agrees again");
  }

  @Test
  void whatTheLastPlanLeftUnwrittenIsNotDriftAgain() {
    Drift ignoring = new Drift(planner, "src", k -> null, k -> List.of("/data/k"));
    ignoring.wanted(List.of(desired), options);
    Map<String, Object> live = written(List.of("/data/k"));
    live.put("data", Map.of("k", "edited"));
    ignoring.seen(new Plan("src", "main@sha1:1", List.of(Change.builder(KEY, "v1",
        Action.UNCHANGED).unwritten(List.of(new Unwritten("/data/k", Unwritten.Reason.IGNORED,
        ""))).build()), 1));
    assertFalse(ignoring.departs(KEY, new LiveObject(KEY, live)));
  }
}
