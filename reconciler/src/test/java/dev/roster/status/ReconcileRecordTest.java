package dev.roster.status;

import static dev.roster.status.Records.T0;
import static dev.roster.status.Records.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcileRecordTest {
  static final String REV = rev("abc");

  static Outcome outcome(Action action, Outcome.Status status, String name) {
    Change c = Change.builder(new ResourceKey("", "ConfigMap", "a", name), "v1", action)
        .desired(Map.of()).build();
    return new Outcome(c, status, "");
  }

  static ReconcileRecord applied(Outcome... outcomes) {
    List<Outcome> list = List.of(outcomes);
    Plan plan = new Plan("app", REV, list.stream().map(Outcome::change).toList(), 0);
    Set<ResourceKey> inv = Set.of(new ResourceKey("", "ConfigMap", "a", "kept"));
    ApplyResult result = new ApplyResult(list, new Inventory("app", REV, inv));
    return ReconcileRecord.applied("poll", T0, Duration.ofMillis(1234), plan, result);
  }

  @Test
  void anApplyWithWritesSucceeded() {
    ReconcileRecord r = applied(outcome(Action.CREATE, Outcome.Status.APPLIED, "n"),
        outcome(Action.UPDATE, Outcome.Status.APPLIED, "u"),
        outcome(Action.PRUNE, Outcome.Status.APPLIED, "p"),
        outcome(Action.UNCHANGED, Outcome.Status.SKIPPED, "same"),
        outcome(Action.ORPHANED, Outcome.Status.SKIPPED, "kept"));
    assertEquals(new ReconcileRecord(REV, "poll", T0, 1234,
        new ReconcileRecord.Counts(1, 1, 1, 1, 0), "succeeded", "ReconciliationSucceeded",
        "applied revision '" + REV + "': 1 created, 1 updated, 1 pruned"), r);
  }

  @Test
  void anApplyWithoutWritesIsANoOp() {
    ReconcileRecord r = applied(outcome(Action.UNCHANGED, Outcome.Status.SKIPPED, "same"));
    assertEquals("no-op", r.result());
    assertEquals(new ReconcileRecord.Counts(0, 0, 0, 1, 0), r.counts());
  }

  @Test
  void failedAndRefusedObjectsFailTheReconcile() {
    ReconcileRecord r = applied(outcome(Action.CREATE, Outcome.Status.APPLIED, "n"),
        outcome(Action.UPDATE, Outcome.Status.FAILED, "f1"),
        outcome(Action.REFUSED, Outcome.Status.SKIPPED, "theirs"),
        outcome(Action.PRUNE, Outcome.Status.FAILED, "f2"),
        outcome(Action.CREATE, Outcome.Status.FAILED, "f3"));
    assertEquals("failed", r.result());
    assertEquals("ApplyFailed", r.reason());
    assertEquals(new ReconcileRecord.Counts(1, 0, 0, 0, 4), r.counts());
    assertEquals("4 of 5 objects failed or were refused at revision '" + REV + "': "
        + "'ConfigMap/f1', 'ConfigMap/theirs', 'ConfigMap/f2', ...", r.message());
  }

  @Test
  void ofMapsAnyPass() {
    Duration took = Duration.ofMillis(5);
    ReconcileRecord refused = ReconcileRecord.of(REV, "poll", T0, took, null, null, true,
        "PruneRefused", "refusing to prune all 3 objects");
    assertEquals("refused", refused.result());
    assertEquals(ReconcileRecord.Counts.NONE, refused.counts());

    ReconcileRecord fetch = ReconcileRecord.stopped("", "poll", T0, took, "SourceFetchFailed",
        "failed to fetch 'https://git.example/x.git': timeout");
    assertEquals("failed", fetch.result());
    assertEquals(took, fetch.duration());

    Plan plan = new Plan("app", REV, List.of(
        outcome(Action.UNCHANGED, Outcome.Status.SKIPPED, "a").change(),
        outcome(Action.UNCHANGED, Outcome.Status.SKIPPED, "b").change(),
        outcome(Action.REFUSED, Outcome.Status.SKIPPED, "c").change()), 3);
    ReconcileRecord noop = ReconcileRecord.of(REV, "drift", T0, took, plan, null, false,
        "ReconciliationSucceeded", "live matches revision '" + REV + "'");
    assertEquals("no-op", noop.result());
    assertEquals(new ReconcileRecord.Counts(0, 0, 0, 2, 1), noop.counts());

    ApplyResult result = new ApplyResult(List.of(outcome(Action.CREATE, Outcome.Status.APPLIED,
        "n")), new Inventory("app", REV, Set.of()));
    ReconcileRecord ok = ReconcileRecord.of(REV, "start", T0, took, plan, result, false,
        "ReconciliationSucceeded", "applied revision '" + REV + "'");
    assertEquals("succeeded", ok.result());
    assertEquals(new ReconcileRecord.Counts(1, 0, 0, 0, 0), ok.counts());
  }

  @Test
  void managedCountsPartitionTheObjects() {
    List<Outcome> list = List.of(outcome(Action.UNCHANGED, Outcome.Status.SKIPPED, "ok"),
        outcome(Action.UPDATE, Outcome.Status.FAILED, "bad"),
        outcome(Action.REFUSED, Outcome.Status.SKIPPED, "theirs"),
        outcome(Action.ORPHANED, Outcome.Status.SKIPPED, "left"));
    Set<ResourceKey> inv = Set.of(list.get(0).change().key(), list.get(1).change().key());
    ManagedCounts m = ManagedCounts.of(new ApplyResult(list, new Inventory("app", REV, inv)));
    assertEquals(new ManagedCounts(1, 2, 1), m);
    assertEquals(Map.of("managed", 1L, "failed", 2L, "orphaned", 1L), m.byState());
  }
}
