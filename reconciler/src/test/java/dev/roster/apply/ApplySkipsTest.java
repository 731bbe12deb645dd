package dev.roster.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the apply side skips, against its full path over many generated plans: the inventory
 * computed knowing the previous key set equals the one computed from scratch (and is that very
 * set when equal), a remembering memo refuses exactly the plans with twins a fresh one refuses,
 * and lists the same keys of an inventory pass after pass.
 */
class ApplySkipsTest {
  private static final Action[] ACTIONS = Action.values();
  private static final Outcome.Status[] STATUSES = Outcome.Status.values();
  private static final RolloutState HELD = new RolloutState(RolloutState.Marker.RESTART,
      RolloutState.Hold.HELD, "WaitingForTasks", 1, Instant.EPOCH, null, List.of(), List.of());

  private static ResourceKey key(int i) {
    return new ResourceKey(i % 3 == 0 ? "" : "g.io", "K" + (i % 2), "ns", "o" + i);
  }

  private static Plan plan(List<Change> changes) {
    return new Plan("src", "main@sha1:1", changes, 0);
  }

  /** One outcome per key, each a random action and status (held prunes among them). */
  private static List<Outcome> outcomes(Random r, int n) {
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Action a = ACTIONS[r.nextInt(ACTIONS.length)];
      Change.Builder b = Change.builder(key(i), "v1", a);
      if (a == Action.PRUNE && r.nextInt(4) == 0) {
        b.rollout(HELD);
      }
      out.add(new Outcome(b.build(), STATUSES[r.nextInt(STATUSES.length)], ""));
    }
    return out;
  }

  @Test
  void inventoryKnowingThePreviousKeysIsTheFullOne() {
    Random r = new Random(14);
    int reused = 0;
    for (int round = 0; round < 3000; round++) {
      int n = r.nextInt(12);
      List<Outcome> outcomes = outcomes(r, n);
      Plan plan = plan(outcomes.stream().map(Outcome::change).toList());
      Inventory full = Applier.inventory(plan, outcomes, null, null);
      Set<ResourceKey> previous = switch (r.nextInt(4)) {
        case 0 -> full.keys(); // the usual pass: nothing joined or left
        case 1 -> Set.copyOf(new HashSet<>(full.keys())); // equal, another instance
        case 2 -> { // one more key: something left
          Set<ResourceKey> s = new HashSet<>(full.keys());
          s.add(key(100 + r.nextInt(3)));
          yield Set.copyOf(s);
        }
        default -> { // one key less: something joined
          Set<ResourceKey> s = new HashSet<>(full.keys());
          s.remove(key(r.nextInt(Math.max(1, n))));
          yield Set.copyOf(s);
        }
      };
      Inventory skipping = Applier.inventory(plan, outcomes, previous,
          KeyMemo.none().listed(plan, previous));
      assertEquals(full, skipping);
      assertEquals(full.keys(), skipping.keys());
      if (previous.equals(full.keys())) {
        assertSame(previous, skipping.keys(), "an equal set is kept, not rebuilt");
        reused++;
      }
    }
    assertTrue(reused > 1000, "the skip was taken " + reused + " times");
  }

  @Test
  void rememberingGuardRefusesWhatAFreshOneRefuses() {
    Random r = new Random(6);
    KeyMemo remembering = KeyMemo.remembering();
    List<Change> last = List.of();
    int refused = 0;
    for (int round = 0; round < 3000; round++) {
      List<Change> changes = new ArrayList<>(last);
      switch (r.nextInt(5)) {
        case 0 -> { } // the same keys again (the usual pass)
        case 1 -> changes.add(Change.builder(key(r.nextInt(20)), "v1", Action.CREATE).build());
        case 2 -> {
          if (!changes.isEmpty()) {
            changes.remove(r.nextInt(changes.size()));
          }
        }
        case 3 -> java.util.Collections.shuffle(changes, r);
        default -> { // equal keys, other instances
          changes.replaceAll(c -> Change.builder(new ResourceKey(c.key().group(),
              c.key().kind(), c.key().namespace(), c.key().name()), "v1", c.action()).build());
        }
      }
      if (changes.size() > 15) {
        changes = new ArrayList<>(changes.subList(0, 5));
      }
      Plan plan = plan(List.copyOf(changes));
      String fresh = verdict(KeyMemo.none(), plan);
      assertEquals(fresh, verdict(remembering, plan), "plan " + round);
      refused += fresh == null ? 0 : 1;
      last = changes;
    }
    assertTrue(refused > 100, "twins were generated " + refused + " times");
  }

  @Test
  void rememberedListingIsTheFreshOne() {
    Random r = new Random(7);
    KeyMemo memo = KeyMemo.remembering();
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      changes.add(Change.builder(key(i), "v1", Action.UNCHANGED).build());
    }
    Set<ResourceKey> set = Set.of(key(1), key(3), key(11));
    int reused = 0;
    for (int round = 0; round < 2000; round++) {
      switch (r.nextInt(4)) {
        case 0 -> { } // the same plan keys and set again
        case 1 -> changes.set(r.nextInt(changes.size()), Change.builder(key(r.nextInt(14)),
            "v1", Action.UPDATE).build());
        case 2 -> set = r.nextBoolean() ? Set.copyOf(set) : Set.of(key(r.nextInt(14)));
        default -> java.util.Collections.swap(changes, r.nextInt(10), r.nextInt(10));
      }
      Plan plan = plan(List.copyOf(changes));
      boolean[] before = memo.listed(plan, set);
      boolean[] again = memo.listed(plan, set);
      reused += before == again ? 1 : 0;
      assertEquals(java.util.Arrays.toString(KeyMemo.none().listed(plan, set)),
          java.util.Arrays.toString(again), "round " + round);
    }
    assertTrue(reused == 2000, "answered from memory " + reused + " times");
  }

  private static String verdict(KeyMemo guard, Plan plan) {
    try {
      guard.refuseTwins(plan);
      return null;
    } catch (ApplyException e) {
      assertEquals(ApplyReason.DUPLICATE_OBJECT, e.reason());
      return e.getMessage();
    }
  }
}
