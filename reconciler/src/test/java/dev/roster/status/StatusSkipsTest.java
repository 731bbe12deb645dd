package dev.roster.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.ObjectHealth;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Status bookkeeping that walks only what it keeps, against the full computation it replaced
 * (kept here, verbatim in substance, as the reference): the same object states in the same
 * order, the same omitted count, the same objects turned unhealthy, the same counts and the
 * same rollout report, over many generated passes (more states than the limit among them).
 */
class StatusSkipsTest {
  private static final Instant T0 = Records.T0;
  private static final String[] STATES = {"Ready", "Failed", "Sleeping", "Queued"};
  private static final Action[] ACTIONS = Action.values();
  private static final Outcome.Status[] STATUSES = Outcome.Status.values();

  private static ResourceKey key(int i) {
    return new ResourceKey("g.io", "Agent", i % 5 == 0 ? "" : "ns", "a" + i);
  }

  private static RolloutState rollout(Random r) {
    RolloutState.Hold hold = RolloutState.Hold.values()[r.nextInt(4)];
    RolloutState.Marker marker = r.nextBoolean() ? RolloutState.Marker.NONE
        : RolloutState.Marker.RESTART;
    return new RolloutState(marker, hold, "WaitingForTasks", 1, T0, T0.plusSeconds(60),
        List.of(), List.of());
  }

  private static Plan plan(Random r, int n) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int s = r.nextInt(STATES.length + 2);
      ObjectHealth h = s >= STATES.length ? null
          : new ObjectHealth(STATES[s], !STATES[s].equals("Ready") && r.nextBoolean(), "m" + i);
      changes.add(Change.builder(key(i), "v1", ACTIONS[r.nextInt(ACTIONS.length)])
          .health(h).rollout(r.nextInt(3) == 0 ? rollout(r) : RolloutState.NONE).build());
    }
    return new Plan("src", "main@sha1:1", List.copyOf(changes), n);
  }

  private static ApplyResult applied(Random r, Plan plan) {
    List<Outcome> outcomes = plan.changes().stream().map(c -> new Outcome(c,
        r.nextInt(6) == 0 ? STATUSES[r.nextInt(STATUSES.length)] : Outcome.Status.SKIPPED, ""))
        .toList();
    Set<ResourceKey> keys = plan.changes().stream().filter(c -> r.nextInt(3) > 0)
        .map(Change::key).collect(Collectors.toSet());
    return new ApplyResult(outcomes, new Inventory("src", "main@sha1:1", Set.copyOf(keys)));
  }

  @Test
  void passStatusIsTheFullOne() {
    Random r = new Random(14);
    SourceStatus base = StatusReducer.initial("src", "repo", "main", T0);
    int omittedSeen = 0;
    for (int round = 0; round < 300; round++) {
      Plan plan = plan(r, r.nextInt(8) == 0 ? 300 + r.nextInt(400) : r.nextInt(40));
      ApplyResult applied = r.nextBoolean() ? applied(r, plan) : null;
      Instant now = T0.plusSeconds(round);
      ReconcileRecord record = ReconcileRecord.of("main@sha1:1", "poll", now,
          java.time.Duration.ZERO, plan, applied, false, Conditions.RECONCILIATION_SUCCEEDED, "");
      ManagedCounts managed = applied == null ? null : ManagedCounts.of(applied);
      PassStatus skipping = PassStatus.after(base, record, managed, true, plan, applied, now);
      Reference reference = Reference.after(base, plan, applied, now);
      assertEquals(reference.states(), skipping.status().states(), "round " + round);
      assertEquals(reference.omitted(), skipping.status().statesOmitted(), "round " + round);
      assertEquals(reference.turned(), skipping.turnedUnhealthy(), "round " + round);
      assertEquals(reference.report(), skipping.rollouts(), "round " + round);
      if (applied != null) {
        assertEquals(Reference.counts(applied), record.counts(), "round " + round);
        assertEquals(Reference.managed(applied), managed, "round " + round);
      }
      omittedSeen += skipping.status().statesOmitted() > 0 ? 1 : 0;
      base = skipping.status();
    }
    assertTrue(omittedSeen > 5, "states beyond the limit " + omittedSeen + " times");
  }

  /** The computations as they were before they walked only what they keep. */
  private record Reference(List<ObjectState> states, int omitted, List<Change> turned,
      RolloutReport report) {
    static Reference after(SourceStatus base, Plan plan, ApplyResult applied, Instant now) {
      Map<String, ObjectState> before = new HashMap<>();
      base.states().forEach(s -> before.put(s.object(), s));
      List<ObjectState> states = new ArrayList<>();
      List<Change> turned = new ArrayList<>();
      for (Change c : plan.states()) {
        ObjectHealth h = c.health();
        String object = RolloutReport.object(c.key());
        ObjectState was = before.get(object);
        boolean same = was != null && was.state().equals(h.state());
        states.add(new ObjectState(object, h.state(), h.unhealthy(), h.message(),
            same && was.since() != null ? was.since() : now));
        if (h.unhealthy() && !same) {
          turned.add(c);
        }
      }
      List<ObjectState> ordered = new ArrayList<>(states);
      ordered.sort(java.util.Comparator.comparing(o -> !o.unhealthy()));
      int omitted = Math.max(0, ordered.size() - SourceStatus.STATES_LIMIT);
      return new Reference(List.copyOf(ordered.subList(0, ordered.size() - omitted)), omitted,
          turned, report(plan, applied, base.heldRollouts()));
    }

    static RolloutReport report(Plan plan, ApplyResult applied, List<HeldRollout> held) {
      Set<ResourceKey> written = new HashSet<>();
      if (applied != null) {
        for (Outcome o : applied.outcomes()) {
          boolean heldPruneRecorded = o.change().heldPrune() && o.change().writes()
              && o.status() == Outcome.Status.SKIPPED;
          if (o.status() == Outcome.Status.APPLIED || heldPruneRecorded) {
            written.add(o.change().key());
          }
        }
      }
      Set<String> before = new HashSet<>();
      held.forEach(h -> before.add(h.object()));
      List<Change> started = new ArrayList<>();
      List<Change> released = new ArrayList<>();
      List<Change> forced = new ArrayList<>();
      for (Change c : plan.held()) {
        if (written.contains(c.key()) && dev.roster.load.Metadata.annotation(c.live(),
            dev.roster.plan.Ownership.HELD_SINCE) == null) {
          started.add(c);
        }
      }
      for (Change c : plan.changes()) {
        RolloutState r = c.rollout();
        if (!written.contains(c.key()) || r.waiting()) {
          continue;
        }
        if (r.hold() == RolloutState.Hold.FORCED) {
          forced.add(c);
        } else if (before.contains(RolloutReport.object(c.key()))
            && r.marker() != RolloutState.Marker.NONE) {
          released.add(c);
        }
      }
      return new RolloutReport(plan.held(), started, released, forced);
    }

    static ReconcileRecord.Counts counts(ApplyResult r) {
      return new ReconcileRecord.Counts(r.count(Action.CREATE, Outcome.Status.APPLIED),
          r.count(Action.UPDATE, Outcome.Status.APPLIED),
          r.count(Action.PRUNE, Outcome.Status.APPLIED),
          r.outcomes().stream().filter(o -> o.change().action() == Action.UNCHANGED).count(),
          r.outcomes().stream().filter(ReconcileRecord.Counts::failure).count());
    }

    static ManagedCounts managed(ApplyResult result) {
      Set<ResourceKey> failed = result.outcomes().stream()
          .filter(ReconcileRecord.Counts::failure).map(o -> o.change().key())
          .collect(Collectors.toSet());
      long managed = result.inventory().keys().stream().filter(k -> !failed.contains(k))
          .count();
      long orphaned = result.outcomes().stream()
          .filter(o -> o.change().action() == Action.ORPHANED).count();
      return new ManagedCounts(managed, failed.size(), orphaned);
    }
  }
}
