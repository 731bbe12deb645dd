package dev.roster.plan;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How each change of a plan would reach running agents, decided with no cluster: for plans of
 * one revision against another ({@code plan --base}), where there is no live work to count.
 *
 * <p>Contract: every change is judged as the {@link RolloutGate} judges it ({@link
 * PlatformFields#split}: immutable fields refused or a re-create Git asked for), then marked: a
 * CREATE by {@link RolloutClassifier#ofCreate} (a new run for one-shot kinds), an UPDATE by
 * {@link RolloutClassifier#classify} ({@code in-place}, {@code restart} or {@code new-run}, with
 * the objects a template or ConfigMap reaches) or {@code recreate}, a PRUNE with the objects it
 * reaches. No hold is decided ({@link RolloutState.Hold#NONE}): whether a restart would wait
 * depends on work only a cluster knows; callers say what each policy would do. Pure.
 */
public final class RolloutMarks {
  private RolloutMarks() {}

  /**
   * {@code plan} with each change marked.
   *
   * @param profiles a kind's rollout profile, or null when it has none
   * @param ignores the pointers a source ignores for an object's kind
   */
  public static Plan mark(Plan plan, Function<ResourceKey, Profile.Rollout> profiles,
      Function<ResourceKey, List<String>> ignores) {
    Map<ResourceKey, Change> byKey = ChangesByKey.of(plan);
    List<Change> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      Profile.Rollout p = profiles.apply(c.key());
      if (p == null) {
        out.add(c);
        continue;
      }
      Change split = PlatformFields.split(c, p, ignores.apply(c.key()));
      out.add(RolloutGate.effects(mark(split, p, byKey), p));
    }
    return plan.withChanges(out);
  }

  private static Change mark(Change c, Profile.Rollout p, Map<ResourceKey, Change> byKey) {
    return switch (c.action()) {
      case CREATE -> c.withRollout(RolloutState.of(RolloutClassifier.ofCreate(p)));
      case UPDATE -> {
        if (c.rollout().marker() == RolloutState.Marker.RECREATE) {
          yield c.withRollout(state(RolloutState.Marker.RECREATE,
              RolloutClassifier.reached(c, p, byKey)));
        }
        RolloutClassifier.Classified k = RolloutClassifier.classify(c, p, byKey);
        yield c.withRollout(state(k.marker(), k.reached()));
      }
      case PRUNE -> c.withRollout(state(RolloutState.Marker.NONE,
          RolloutClassifier.reached(c, p, byKey)));
      default -> c;
    };
  }

  private static RolloutState state(RolloutState.Marker marker, List<ResourceKey> reached) {
    return new RolloutState(marker, RolloutState.Hold.NONE, "", 0, null, null, List.of(),
        reached.stream().map(RolloutClassifier::name).toList());
  }
}
