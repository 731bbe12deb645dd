package dev.roster.plan;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An object's state as its kind's profile reads it from the live status ({@code health:} rules,
 * kstatus-like, as data): failed, not ready, queued, sleeping, over budget, …
 *
 * <p>Contract: the first rule whose field (or condition status) has one of its values gives the
 * state; no match, no live object or no rules: no state (null). Pure.
 *
 * @param state the state's name ({@code Failed}, {@code Sleeping}, …)
 * @param unhealthy whether the state is a problem (serve records a Warning Event when an object
 *     enters it)
 * @param message what the status says: the field and its value, or the condition with its reason
 *     and message, then the rule's {@code message} field and its value if set
 */
public record ObjectHealth(String state, boolean unhealthy, String message) {
  public ObjectHealth {
    message = message == null ? "" : message;
  }

  /** The state of {@code live} by {@code rules}, or null. */
  public static ObjectHealth read(Map<String, Object> live, List<Profile.Health> rules) {
    if (live == null || rules == null) {
      return null;
    }
    for (Profile.Health r : rules) {
      String said = r.path() != null ? field(live, r) : condition(live, r);
      if (said != null) {
        String more = r.message() == null ? null : scalar(live, r.message());
        return new ObjectHealth(r.state(), r.unhealthy(), more == null || more.isEmpty() ? said
            : said + ", " + leaf(r.message()) + " " + more);
      }
    }
    return null;
  }

  /** {@code plan} with each change's state read from its live object. */
  public static Plan attach(Plan plan, Function<ResourceKey, List<Profile.Health>> rules) {
    List<Change> out = new ArrayList<>(plan.changes().size());
    boolean any = false;
    for (Change c : plan.changes()) {
      ObjectHealth h = read(c.live(), rules.apply(c.key()));
      any |= h != null;
      out.add(h == null ? c : c.toBuilder().health(h).build());
    }
    return any ? plan.withChanges(out) : plan;
  }

  private static String field(Map<String, Object> live, Profile.Health r) {
    String v = scalar(live, r.path());
    if (v == null || !matches(r, v)) {
      return null;
    }
    return leaf(r.path()) + " " + v;
  }

  private static String leaf(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  private static String condition(Map<String, Object> live, Profile.Health r) {
    for (Object o : Pointers.values(live, "/status/conditions/*")) {
      if (o instanceof Map<?, ?> m && r.condition().equals(m.get("type"))
          && m.get("status") != null && matches(r, String.valueOf(m.get("status")))) {
        StringBuilder sb = new StringBuilder("condition " + r.condition() + "="
            + m.get("status"));
        if (m.get("reason") instanceof String s && !s.isEmpty()) {
          sb.append(" (").append(s).append(')');
        }
        if (m.get("message") instanceof String s && !s.isEmpty()) {
          sb.append(": ").append(s);
        }
        return sb.toString();
      }
    }
    return null;
  }

  private static boolean matches(Profile.Health r, String value) {
    return r.values().stream().anyMatch(value::equalsIgnoreCase);
  }

  private static String scalar(Map<String, Object> live, String pointer) {
    List<Object> v = Pointers.values(live, pointer);
    return v.isEmpty() || v.get(0) == null || v.get(0) instanceof Map<?, ?>
        || v.get(0) instanceof List<?> ? null : String.valueOf(v.get(0));
  }

  /** {@code state} and, when set, the message: for plan and status lines. */
  public String describe() {
    return message.isEmpty() ? state : state + " (" + message + ")";
  }
}
