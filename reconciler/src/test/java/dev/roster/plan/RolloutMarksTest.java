package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Marks without a cluster: how each change would reach agents, no hold decided. */
class RolloutMarksTest {
  static final ResourceKey TEMPLATE = new ResourceKey("x.io", "Template", "ns", "base");
  static final ResourceKey AGENT = new ResourceKey("x.io", "Agent", "ns", "a");
  static final ResourceKey RUN = new ResourceKey("x.io", "Task", "ns", "t");
  static final ResourceKey PLAIN = new ResourceKey("", "ConfigMap", "ns", "c");

  static Profile.Rollout profile(ResourceKey k) {
    return switch (k.kind()) {
      case "Template" -> RolloutClassifierTest.TEMPLATE;
      case "Agent" -> RolloutClassifierTest.AGENT;
      case "Task" -> RolloutClassifierTest.RUN;
      default -> null;
    };
  }

  static Plan mark(Change... changes) {
    return RolloutMarks.mark(new Plan("s", "r", List.of(changes), 0), RolloutMarksTest::profile,
        k -> List.of());
  }

  @Test
  void aTemplateChangeRestartsTheAgentsThatNameItAndHoldsNothing() {
    Map<String, Object> names = Map.of("spec", Map.of("templateRef", "base"));
    Plan p = mark(RolloutClassifierTest.change(TEMPLATE, Action.UPDATE, Map.of(), "/spec/image"),
        RolloutClassifierTest.change(AGENT, Action.UNCHANGED, names));
    RolloutState t = p.changes().get(0).rollout();
    assertEquals(RolloutState.Marker.RESTART, t.marker());
    assertEquals(RolloutState.Hold.NONE, t.hold(), "no work is counted without a cluster");
    assertEquals(List.of("Agent/ns/a"), t.reached());
    assertEquals(List.of(), p.held());
    assertEquals(RolloutState.NONE, p.changes().get(1).rollout(), "unchanged: not marked");
  }

  @Test
  void inPlaceNewRunAndKindsWithoutAProfile() {
    Change plain = RolloutClassifierTest.change(PLAIN, Action.UPDATE, Map.of(), "/data/x");
    Plan p = mark(RolloutClassifierTest.change(AGENT, Action.UPDATE, Map.of(), "/metadata/x"),
        RolloutClassifierTest.change(RUN, Action.CREATE, Map.of()), plain);
    assertEquals(RolloutState.Marker.IN_PLACE, p.changes().get(0).rollout().marker());
    assertEquals(RolloutState.Marker.NEW_RUN, p.changes().get(1).rollout().marker());
    assertSame(plain, p.changes().get(2), "no profile: left as planned");
  }
}
