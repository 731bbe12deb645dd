package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting work in flight over live objects, by each kind's activeWork rule. */
class WorkInFlightTest {
  /** Agents whose work is Tasks labelled with their name, running or with no phase yet. */
  static final Profile.Rollout BY_TASKS = rollout(new Profile.ActiveWork("x.io", "Task",
      "x.io/agent", "/status/phase", List.of("Running", "")), List.of());
  /** Agents whose work is their own status. */
  static final Profile.Rollout BY_STATUS = rollout(new Profile.ActiveWork("k.io", null, null,
      "/status/taskStatus", List.of("InProgress")), List.of());
  /** Squads wait for the agents they name. */
  static final Profile.Rollout SQUAD = rollout(null,
      List.of(new Profile.Reach("k.io", "Agent", "/spec/members/*/name")));

  static Profile.Rollout rollout(Profile.ActiveWork work, List<Profile.Reach> waitsFor) {
    return new Profile.Rollout(List.of(), List.of(), false, work, List.of(), false, List.of(),
        waitsFor);
  }

  static Map<String, Object> task(String agent, String phase) {
    Map<String, Object> o = new HashMap<>();
    o.put("metadata", Map.of("labels", Map.of("x.io/agent", agent)));
    if (phase != null) {
      o.put("status", Map.of("phase", phase));
    }
    return o;
  }

  static Map<String, Object> agent(String name, String taskStatus) {
    return Map.of("metadata", Map.of("name", name), "status", Map.of("taskStatus", taskStatus));
  }

  static Change live(ResourceKey k, Map<String, Object> live, Map<String, Object> desired) {
    return Change.builder(k, "v1", Action.UPDATE).live(live).desired(desired).build();
  }

  final List<String> listed = new ArrayList<>();

  WorkInFlight work(Map<ResourceKey, Change> byKey, List<Map<String, Object>> objects) {
    return new WorkInFlight(k -> switch (k.kind()) {
      case "Task" -> null;
      case "Squad" -> SQUAD;
      default -> k.group().equals("x.io") ? BY_TASKS : BY_STATUS;
    }, byKey, (g, kind, ns) -> {
      listed.add(g + "/" + kind + "/" + ns);
      return objects;
    });
  }

  @Test
  void countsRelatedObjectsInFlightOncePerNamespaceListing() {
    ResourceKey a = new ResourceKey("x.io", "Agent", "ns", "a");
    ResourceKey b = new ResourceKey("x.io", "Agent", "ns", "b");
    WorkInFlight w = work(Map.of(), List.of(task("a", "Running"), task("a", null),
        task("a", "Completed"), task("b", "Failed"), task("other", "Running")));
    assertEquals(2, w.of(a)); // running, and not started yet (no phase)
    assertEquals(0, w.of(b));
    assertEquals(2, w.of(a));
    assertEquals(List.of("x.io/Task/ns"), listed, "one listing per related kind and namespace");
  }

  @Test
  void readsOwnStatusFromThePlanOrElseLive() {
    ResourceKey inGit = new ResourceKey("k.io", "Agent", "ns", "busy");
    ResourceKey idle = new ResourceKey("k.io", "Agent", "ns", "idle");
    ResourceKey notInGit = new ResourceKey("k.io", "Agent", "ns", "elsewhere");
    WorkInFlight w = work(Map.of(inGit, live(inGit, agent("busy", "InProgress"), Map.of()),
            idle, live(idle, agent("idle", "Done"), Map.of())),
        List.of(agent("elsewhere", "InProgress")));
    assertEquals(1, w.of(inGit));
    assertEquals(0, w.of(idle));
    assertEquals(List.of(), listed, "objects in the plan are not listed");
    assertEquals(1, w.of(notInGit));
    assertEquals(List.of("k.io/Agent/ns"), listed);
  }

  @Test
  void aCreateHasNoWorkAndAKindWithoutRuleNone() {
    ResourceKey created = new ResourceKey("k.io", "Agent", "ns", "new");
    WorkInFlight w = work(Map.of(created, live(created, null, Map.of())), List.of());
    assertEquals(0, w.of(created));
    assertEquals(0, w.of(new ResourceKey("x.io", "Task", "ns", "t")));
  }

  @Test
  void waitsForCountsTheObjectsTheDesiredStateNames() {
    ResourceKey squad = new ResourceKey("k.io", "Squad", "ns", "s");
    Change c = live(squad, Map.of(), Map.of("spec", Map.of("members",
        List.of(Map.of("name", "x"), Map.of("name", "y"), Map.of("name", "z")))));
    WorkInFlight w = work(Map.of(squad, c), List.of(agent("x", "InProgress"),
        agent("y", "Done"), agent("z", "InProgress")));
    assertEquals(2, w.waitsFor(c, SQUAD));
    assertEquals(0, w.of(squad), "a squad has no work of its own");
  }
}
