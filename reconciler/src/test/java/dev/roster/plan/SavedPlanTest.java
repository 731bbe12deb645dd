package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SavedPlan}: equal plans save equally, and every move is named, one sentence each. */
class SavedPlanTest {
  static final ResourceKey A = new ResourceKey("", "ConfigMap", "agents", "a");
  static final ResourceKey B = new ResourceKey("", "ConfigMap", "agents", "b");
  static final ResourceKey NS = new ResourceKey("", "Namespace", "", "agents");

  static Map<String, Object> object(ResourceKey k, String rv, String value) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", k.name());
    if (rv != null) {
      meta.put("resourceVersion", rv);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("metadata", meta);
    o.put("data", Map.of("v", value));
    return o;
  }

  static Change change(ResourceKey k, Action a, String liveRv, String desired) {
    return Change.builder(k, "v1", a).desired(desired == null ? null : object(k, null, desired))
        .live(liveRv == null ? null : object(k, liveRv, "live")).build();
  }

  static SavedPlan saved(String revision, Change... changes) {
    return SavedPlan.of(new Plan("demo", revision, List.of(changes), 2), "repo", "https://k8s");
  }

  @Test
  void theSamePlanMadeAgainHasNoMoves() {
    SavedPlan one = saved("main@sha1:1", change(A, Action.UPDATE, "7", "x"),
        change(NS, Action.UNCHANGED, "3", "ns"));
    SavedPlan two = saved("main@sha1:1", change(A, Action.UPDATE, "7", "x"),
        change(NS, Action.UNCHANGED, "3", "ns"));
    assertEquals(List.of(), one.moves(two));
    assertEquals("7", one.objects().get(0).resourceVersion());
    assertEquals("update", one.objects().get(0).operation());
  }

  @Test
  void everyMoveIsNamed() {
    SavedPlan was = saved("main@sha1:1", change(A, Action.UPDATE, "7", "x"),
        change(B, Action.CREATE, null, "y"), change(NS, Action.UNCHANGED, "3", "ns"));
    SavedPlan now = saved("main@sha1:2", change(A, Action.UPDATE, "8", "x"),
        change(B, Action.REFUSED, "1", "y"), change(NS, Action.UNCHANGED, "3", "other"),
        change(new ResourceKey("", "ConfigMap", "agents", "c"), Action.PRUNE, "4", null));
    List<String> expected = new ArrayList<>(List.of(
        "revision: planned main@sha1:1, now main@sha1:2 (the repo has a new commit or the ref"
            + " moved)",
        "ConfigMap agents/a: changed live since the plan (resourceVersion 7, now 8)",
        "ConfigMap agents/b: appeared live since the plan (resourceVersion 1)",
        "Namespace agents: what unchanged would write changed since the plan",
        "ConfigMap agents/c: now planned prune, not in the saved plan"));
    assertEquals(expected, was.moves(now));
    assertEquals(List.of("ConfigMap agents/a: gone live since the plan (was resourceVersion 7)",
        "ConfigMap agents/b: planned create, no longer in the plan"),
        saved("r", change(A, Action.UPDATE, "7", "x"), change(B, Action.CREATE, null, "y"))
            .moves(saved("r", change(A, Action.CREATE, null, "x"))));
    assertEquals(List.of("ConfigMap agents/a: planned update, now unchanged"),
        saved("r", change(A, Action.UPDATE, "7", "x"))
            .moves(saved("r", change(A, Action.UNCHANGED, "7", "x"))));
  }
}
