package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Objects the platform deletes on purpose stay deleted. A run (profile {@code rollout.oneShot}:
 * Task, AgentTeamRun, AgentTeam) is created once per spec; other kinds declare in {@code
 * rollout.platformDeletes} when the platform removes them (a KomputerAgent with {@code lifecycle:
 * AutoDelete}, a squad dissolved or broken up). An object Roster created that is gone live is not
 * re-created: its CREATE becomes UNCHANGED with no live object ({@link Change#completed()}) and a
 * reason that says what the platform did, until Git asks again by changing its spec or the
 * annotation {@code roster.dev/rerun}. What Roster created is remembered in a ledger of
 * {@code key → "<spec hash> <rerun token>"} entries (see {@link #entry}).
 */
public final class OneShots {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OneShots() {}

  /** The plan with objects the platform removed on purpose left alone. */
  public static Plan apply(Plan plan, Map<ResourceKey, String> ledger,
      Function<ResourceKey, Profile.Rollout> profiles) {
    List<Change> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      Profile.Rollout p = profiles.apply(c.key());
      String recorded = ledger.get(c.key());
      String deleted = c.action() == Action.CREATE ? deletedBecause(p, c.desired()) : null;
      if (deleted == null || recorded == null) {
        out.add(c);
        continue;
      }
      RolloutState marker = p.oneShot() ? RolloutState.of(RolloutState.Marker.NEW_RUN)
          : RolloutState.NONE;
      String want = entry(c.desired());
      if (!recorded.equals(want)) {
        out.add(c.withRollout(marker)); // Git asks again: a new spec or rerun token
        continue;
      }
      String why = "completed (" + deleted + "); not re-created until its spec or "
          + Ownership.RERUN + " changes in Git";
      out.add(c.toBuilder().action(Action.UNCHANGED).live(null).fields(List.of()).patch(List.of())
          .reason(why).rollout(marker).build());
    }
    return plan.withChanges(out);
  }

  /**
   * Why the platform deletes {@code desired} on purpose (its kind's profile), or null when it
   * does not, or when the kind has no rollout profile.
   */
  public static String deletedBecause(Profile.Rollout p, Map<String, Object> desired) {
    if (p == null || desired == null) {
      return null;
    }
    Map<String, Object> read = Restamped.base(desired); // the revision is not read here
    return p.deletedBecause(d -> d.path() == null || Pointers.values(read, d.path()).stream()
        .anyMatch(v -> d.values().contains(String.valueOf(v))));
  }

  /**
   * What {@link #deletedBecause} and {@link #entry} read of {@code desired}: the same for every
   * revision stamped on one desired object, so their answers may be remembered by its instance.
   */
  public static Object base(Map<String, Object> desired) {
    return Restamped.base(desired);
  }

  /** The ledger entry of a desired run: hash of its spec, then its rerun token. */
  public static String entry(Map<String, Object> desired) {
    return entry(desired, OneShots::specHash);
  }

  /**
   * As {@link #entry(Map)}, the spec's hash from {@code hashes} (which must answer as {@link
   * #specHash}, e.g. remembering its answers for spec instances seen before).
   */
  public static String entry(Map<String, Object> desired, Function<Object, String> hashes) {
    Map<String, Object> read = Restamped.base(desired); // the revision is not read here
    String rerun = Metadata.annotation(read, Ownership.RERUN);
    return hashes.apply(read.get("spec")) + " "
        + (rerun == null ? "" : rerun.replaceAll("\\s", "_"));
  }

  /** The hash of a spec in ledger entries. */
  public static String specHash(Object spec) {
    return sha256(JSON.writeValueAsString(canonical(spec)));
  }

  private static Object canonical(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      return l.stream().map(OneShots::canonical).toList();
    }
    return o;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
