package dev.roster.plan;

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
 * One-shot kinds (profile {@code rollout.oneShot}: Task, AgentTeamRun) are runs: created once per
 * spec. A run Roster created that is gone live (the platform cleaned it up after it finished) is
 * not re-created: its CREATE becomes UNCHANGED, unless Git asks for a new run by changing the
 * annotation {@code roster.dev/rerun}. What Roster created is remembered in a ledger of
 * {@code key → "<spec hash> <rerun token>"} entries (see {@link #entry}).
 */
public final class OneShots {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OneShots() {}

  /** The plan with cleaned-up runs left alone. */
  public static Plan apply(Plan plan, Map<ResourceKey, String> ledger,
      Function<ResourceKey, Profile.Rollout> profiles) {
    List<Change> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      Profile.Rollout p = profiles.apply(c.key());
      String recorded = ledger.get(c.key());
      if (c.action() != Action.CREATE || p == null || !p.oneShot() || recorded == null) {
        out.add(c);
        continue;
      }
      String want = entry(c.desired());
      if (!token(recorded).equals(token(want))) {
        out.add(c.withRollout(RolloutState.of(RolloutState.Marker.NEW_RUN)));
        continue;
      }
      String why = "completed and cleaned up by the platform; not re-created"
          + (hash(recorded).equals(hash(want)) ? ""
              : " (its spec changed: change " + Ownership.RERUN + " to start a new run)");
      out.add(c.toBuilder().action(Action.UNCHANGED).live(null).fields(List.of()).patch(List.of())
          .reason(why).rollout(RolloutState.of(RolloutState.Marker.NEW_RUN)).build());
    }
    return new Plan(plan.source(), plan.revision(), List.copyOf(out), plan.inventorySize());
  }

  /** The ledger entry of a desired run: hash of its spec, then its rerun token. */
  public static String entry(Map<String, Object> desired) {
    String rerun = RolloutPolicy.annotation(desired, Ownership.RERUN);
    return sha256(JSON.writeValueAsString(canonical(desired.get("spec")))) + " "
        + (rerun == null ? "" : rerun.replaceAll("\\s", "_"));
  }

  private static String hash(String entry) {
    int i = entry.indexOf(' ');
    return i < 0 ? entry : entry.substring(0, i);
  }

  private static String token(String entry) {
    int i = entry.indexOf(' ');
    return i < 0 ? "" : entry.substring(i + 1);
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
