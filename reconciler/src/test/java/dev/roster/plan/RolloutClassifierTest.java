package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Restart, in-place and new-run classes, and what a template change reaches. */
class RolloutClassifierTest {
  static final Profile.Rollout AGENT = RolloutGateTest.AGENT;
  static final Profile.Rollout TEMPLATE = new Profile.Rollout(List.of(), List.of(), false, null,
      List.of(), false, List.of(new Profile.Reach("x.io", "Agent", "/spec/templateRef")),
      List.of());
  static final Profile.Rollout RUN = new Profile.Rollout(List.of(), List.of("/metadata"), false,
      null, List.of(), true, List.of(), List.of());

  static Change change(ResourceKey k, Action a, Map<String, Object> desired, String... fields) {
    return Change.builder(k, "x.io/v1", a).desired(desired).live(Map.of())
        .fields(java.util.Arrays.stream(fields)
            .map(f -> new FieldChange(f, FieldChange.Type.CHANGED, 1, 2)).toList())
        .build();
  }

  @Test
  void mostSpecificPrefixDecides() {
    assertTrue(RolloutClassifier.isRestart("/spec/image/tag", AGENT));
    assertFalse(RolloutClassifier.isRestart("/metadata/labels/x", AGENT));
    assertTrue(RolloutClassifier.isRestart("/spec", AGENT)); // container of restart fields
    assertTrue(RolloutClassifier.isRestart("/spec/other", AGENT)); // default restart
  }

  @Test
  void splitsRestartFromInPlace() {
    Change c = change(RolloutGateTest.KEY, Action.UPDATE, Map.of(), "/spec/image", "/spec/max");
    RolloutClassifier.Classified k = RolloutClassifier.classify(c, AGENT, Map.of());
    assertEquals(RolloutState.Marker.RESTART, k.marker());
    assertEquals(Set.of("/spec/image"), k.restart());
    Change inPlace = change(RolloutGateTest.KEY, Action.UPDATE, Map.of(), "/spec/max");
    assertEquals(RolloutState.Marker.IN_PLACE,
        RolloutClassifier.classify(inPlace, AGENT, Map.of()).marker());
  }

  @Test
  void aRunRestartsAsANewRun() {
    ResourceKey k = new ResourceKey("x.io", "Task", "ns", "t");
    assertEquals(RolloutState.Marker.NEW_RUN, RolloutClassifier.classify(
        change(k, Action.UPDATE, Map.of(), "/spec/prompt"), RUN, Map.of()).marker());
    assertEquals(RolloutState.Marker.NEW_RUN, RolloutClassifier.ofCreate(RUN));
    assertEquals(RolloutState.Marker.NONE, RolloutClassifier.ofCreate(AGENT));
  }

  @Test
  void aTemplateRestartsOnlyWhatNamesIt() {
    ResourceKey tpl = new ResourceKey("x.io", "Template", "ns", "base");
    ResourceKey a = new ResourceKey("x.io", "Agent", "ns", "a");
    ResourceKey b = new ResourceKey("x.io", "Agent", "ns", "b");
    ResourceKey elsewhere = new ResourceKey("x.io", "Agent", "other", "c");
    Change t = change(tpl, Action.UPDATE, Map.of(), "/spec/image");
    Map<String, Object> names = Map.of("spec", Map.of("templateRef", "base"));
    Map<ResourceKey, Change> plan = Map.of(tpl, t, a, change(a, Action.UNCHANGED, names),
        b, change(b, Action.UNCHANGED, Map.of("spec", Map.of("templateRef", "x"))),
        elsewhere, change(elsewhere, Action.UNCHANGED, names));
    RolloutClassifier.Classified k = RolloutClassifier.classify(t, TEMPLATE, plan);
    assertEquals(RolloutState.Marker.RESTART, k.marker());
    assertEquals(List.of(a), k.reached());
    assertEquals(List.of("Agent/ns/a"), k.reachedNames());
    RolloutClassifier.Classified unused = RolloutClassifier.classify(t, TEMPLATE,
        Map.of(tpl, t, b, plan.get(b)));
    assertEquals(RolloutState.Marker.IN_PLACE, unused.marker(), "reaches nothing: in place");
  }
}
