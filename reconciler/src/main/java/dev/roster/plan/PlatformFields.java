package dev.roster.plan;

import dev.roster.validate.Profile;
import java.util.List;

/**
 * Every rule by which Roster leaves a Git/live difference alone, in order: fields the platform
 * reads only at creation ({@link Immutables}; a re-create Git asks for takes the whole object
 * from Git and skips the rest), then fields the platform or the user owns at run time ({@link
 * ThreeWay}), then controllers' normal forms ({@link NormalForms}). The rollout gate and serve's
 * drift check both judge a change through here, so they agree. Pure.
 */
public final class PlatformFields {
  private PlatformFields() {}

  /**
   * {@code c} with what Roster leaves alone moved to {@link Change#unwritten}.
   *
   * @param p the kind's rollout profile, or null
   * @param sourceIgnores the source's {@code ignoreFields} for the kind
   */
  public static Change split(Change c, Profile.Rollout p, List<String> sourceIgnores) {
    Change i = Immutables.split(c, p);
    if (i.rollout().marker() == RolloutState.Marker.RECREATE) {
      return i;
    }
    Change t = ThreeWay.split(i, rules(i, p, sourceIgnores));
    return p == null ? t : NormalForms.apply(t, p.normalForms());
  }

  /** {@code c} recording the digests {@link ThreeWay} and {@link NormalForms} keep. */
  public static Change record(Change c, Profile.Rollout p, List<String> sourceIgnores) {
    return ThreeWay.record(c, rules(c, p, sourceIgnores),
        p == null ? java.util.Map.of() : NormalForms.digests(c, p.normalForms()));
  }

  private static List<ThreeWay.Rule> rules(Change c, Profile.Rollout p, List<String> ignores) {
    return ThreeWay.rules(c, p == null ? List.of() : p.runtimeOwned(), ignores);
  }
}
