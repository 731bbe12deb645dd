package dev.roster.plan;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a change reaches a running agent, by its kind's rollout profile: in place, a restart, or a
 * new run. Contract: a field is restart-class when the most specific profile prefix covering it
 * says so (ties and containers of restart fields restart; unlisted fields follow {@code
 * default}). A template or ConfigMap change (a profile with {@code reaches}) restarts only when
 * objects in the plan name it. Pure; decides nothing about holding.
 */
public final class RolloutClassifier {
  private RolloutClassifier() {}

  /**
   * The class of one UPDATE.
   *
   * @param marker in place, restart or new run
   * @param restart the restart-class field pointers (empty: in place)
   * @param reached the plan's objects that name the changed object through {@code reaches},
   *     sorted
   */
  public record Classified(RolloutState.Marker marker, Set<String> restart,
      List<ResourceKey> reached) {

    /** {@code Kind/ns/name} of each reached object, as plans show them. */
    public List<String> reachedNames() {
      return reached.stream().map(RolloutClassifier::name).toList();
    }
  }

  /** The marker of a CREATE: a new run for one-shot kinds, none otherwise. */
  public static RolloutState.Marker ofCreate(Profile.Rollout p) {
    return p.oneShot() ? RolloutState.Marker.NEW_RUN : RolloutState.Marker.NONE;
  }

  /** Classifies the UPDATE {@code c} against the other changes of its plan. */
  public static Classified classify(Change c, Profile.Rollout p,
      Map<ResourceKey, Change> byKey) {
    List<ResourceKey> reached = reached(c, p, byKey);
    Set<String> restart = new HashSet<>();
    for (FieldChange f : c.fields()) {
      if (isRestart(f.pointer(), p) && (p.reaches().isEmpty() || !reached.isEmpty())) {
        restart.add(f.pointer());
      }
    }
    RolloutState.Marker marker = restart.isEmpty() ? RolloutState.Marker.IN_PLACE
        : p.oneShot() ? RolloutState.Marker.NEW_RUN : RolloutState.Marker.RESTART;
    return new Classified(marker, Collections.unmodifiableSet(restart),
        List.copyOf(reached));
  }

  /** Restart class: the most specific covering prefix decides; ties and containers restart. */
  static boolean isRestart(String pointer, Profile.Rollout p) {
    int bestRestart = best(pointer, p.restart());
    int bestInPlace = best(pointer, p.inPlace());
    if (bestRestart >= 0 || bestInPlace >= 0) {
      return bestRestart >= bestInPlace;
    }
    if (p.restart().stream().anyMatch(r -> Pointers.covers(pointer, r))) {
      return true; // a container of restart-class fields, replaced whole
    }
    return !p.defaultInPlace();
  }

  private static int best(String pointer, List<String> patterns) {
    int best = -1;
    for (String pat : patterns) {
      if (Pointers.covers(pat, pointer)) {
        best = Math.max(best, Pointers.depth(pat));
      }
    }
    return best;
  }

  /**
   * Objects in the plan that name {@code c} through one of its profile's reaches, including those
   * that name it by leaving the field out ({@link Profile.Reach#omitted}); from {@code byKey}'s
   * index when it is a {@link ChangesByKey}, else by {@link #scan}.
   */
  static List<ResourceKey> reached(Change c, Profile.Rollout p,
      Map<ResourceKey, Change> byKey) {
    if (!(byKey instanceof ChangesByKey index)) {
      return scan(c, p, byKey);
    }
    Set<ResourceKey> found = new LinkedHashSet<>();
    for (Profile.Reach r : p.reaches()) {
      found.addAll(index.referrers(c.key(), r));
    }
    List<ResourceKey> out = new ArrayList<>(found);
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  /** As {@link #reached}, by reading every change of the plan. */
  static List<ResourceKey> scan(Change c, Profile.Rollout p, Map<ResourceKey, Change> byKey) {
    List<ResourceKey> out = new ArrayList<>();
    for (Profile.Reach r : p.reaches()) {
      for (Change x : byKey.values()) {
        ResourceKey k = x.key();
        if (x.desired() == null || !k.group().equals(r.group()) || !k.kind().equals(r.kind())) {
          continue;
        }
        // A cluster-scoped object (a cluster template) reaches objects in any namespace.
        boolean names = Pointers.named(x.desired(), r, k.namespace()).stream()
            .anyMatch(n -> n.name().equals(c.key().name())
                && (c.key().namespace().isEmpty() || c.key().namespace().equals(n.namespace())));
        if (names && !out.contains(k)) {
          out.add(k);
        }
      }
    }
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  static String name(ResourceKey k) {
    return k.kind() + "/" + (k.namespace().isEmpty() ? "" : k.namespace() + "/") + k.name();
  }
}
