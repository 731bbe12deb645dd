package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.validate.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields the platform reads only when it creates the object ({@code rollout.immutable}: a
 * KubeOpenCode Agent's {@code persistence}, which sizes PVCs at creation).
 *
 * <p>Contract: a difference in such a field is never written in place, where it would be
 * accepted and never take effect. Without {@code roster.dev/recreate: "true"} on the Git object
 * it is reported as {@link Unwritten.Reason#IMMUTABLE}, saying how to apply it, and the rest of
 * the change goes on. With it, the whole change becomes a re-create ({@link
 * RolloutState.Marker#RECREATE}): the gate holds it like a restart-class change, and apply then
 * deletes the object and creates it from Git. Pure.
 */
public final class Immutables {
  /** How to apply an immutable change, said wherever one is refused. */
  public static final String HOW = "to apply it, annotate the object in Git "
      + Ownership.RECREATE + ": \"true\"; Roster then deletes and re-creates it, held like a"
      + " restart while it has work in flight";

  private Immutables() {}

  /** {@code c} with immutable differences refused, or marked for a re-create. */
  public static Change split(Change c, Profile.Rollout p) {
    if (c.action() != Action.UPDATE || p == null || p.immutable().isEmpty()) {
      return c;
    }
    List<FieldChange> kept = new ArrayList<>();
    List<Unwritten> unwritten = new ArrayList<>(c.unwritten());
    List<String> dropped = new ArrayList<>();
    for (FieldChange f : c.fields()) {
      Profile.Immutable rule = p.immutable().stream()
          .filter(i -> Pointers.covers(i.path(), f.pointer())).findFirst().orElse(null);
      if (rule == null) {
        kept.add(f);
        continue;
      }
      dropped.add(f.pointer());
      String why = rule.why().isEmpty() ? "the platform reads it only at creation" : rule.why();
      unwritten.add(new Unwritten(f.pointer(), Unwritten.Reason.IMMUTABLE, why + "; " + HOW));
    }
    if (dropped.isEmpty()) {
      return c;
    }
    if (asksRecreate(c)) {
      return c.withRollout(RolloutState.of(RolloutState.Marker.RECREATE));
    }
    return ThreeWay.narrow(c, kept, ThreeWay.without(c.patch(), dropped), unwritten);
  }

  /** Whether Git annotates the object {@code roster.dev/recreate: "true"}. */
  static boolean asksRecreate(Change c) {
    String v = Metadata.annotation(c.desired(), Ownership.RECREATE);
    return v != null && "true".equalsIgnoreCase(v.trim());
  }
}
