package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An object's rollout policy, from its Git annotations {@code roster.dev/rollout} and {@code
 * roster.dev/rollout-timeout}.
 *
 * @param mode how restart-class changes go out
 * @param timeout how long a Rollout hold lasts before it is forced
 */
public record RolloutPolicy(Mode mode, Duration timeout) {
  /** Default hold timeout: KubeOpenCode's own GitSyncPendingTimeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  /** Policy values. */
  public enum Mode {
    ROLLOUT, IMMEDIATE, MANUAL;

    /**
     * {@code Rollout}, {@code Immediate} or {@code Manual}, case-insensitively; the old word
     * {@code HotReload} is still read as Immediate (see {@link #HOT_RELOAD_WARNING}).
     */
    public static Mode parse(String text) {
      return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
        case "rollout" -> ROLLOUT;
        case "immediate", "hotreload" -> IMMEDIATE;
        case "manual" -> MANUAL;
        default -> throw new IllegalArgumentException("invalid rollout policy '" + text
            + "' (expected Rollout, Immediate or Manual)");
      };
    }

    /** As written in annotations and flags: {@code Rollout}, {@code Immediate}, {@code Manual}. */
    public String text() {
      return switch (this) {
        case ROLLOUT -> "Rollout";
        case IMMEDIATE -> "Immediate";
        case MANUAL -> "Manual";
      };
    }
  }

  /** What the old word {@code HotReload} does, said wherever it is read. */
  public static final String HOT_RELOAD_WARNING = "HotReload is read as Immediate: restart-class"
      + " changes are applied at once, restarting the agent even while it works; KubeOpenCode's"
      + " HotReload means the opposite (files updated, no restart)";

  /** Whether {@code text} is the old word {@code HotReload}. */
  public static boolean isHotReload(String text) {
    return text != null && "hotreload".equalsIgnoreCase(text.trim());
  }

  /**
   * {@code plan} with a warning naming the objects whose Git annotation says {@code HotReload}
   * and what it does ({@link #HOT_RELOAD_WARNING}); {@code plan} itself when none does.
   */
  public static Plan warnHotReload(Plan plan) {
    List<String> named = plan.changes().stream().filter(c -> saysHotReload(c.desired()))
        .map(c -> c.key().kind() + "/" + (c.key().namespace().isEmpty() ? ""
            : c.key().namespace() + "/") + c.key().name()).toList();
    if (named.isEmpty()) {
      return plan;
    }
    String shown = named.size() <= 5 ? String.join(", ", named)
        : String.join(", ", named.subList(0, 5)) + " and " + (named.size() - 5) + " more";
    return plan.withWarning(named.size() + " object(s) say " + Ownership.ROLLOUT + ": HotReload ("
        + shown + "): " + HOT_RELOAD_WARNING + "; write Immediate (or Rollout to wait for"
        + " work in flight)");
  }

  /** Whether {@code desired} names its policy with the old word {@code HotReload}. */
  public static boolean saysHotReload(Map<String, Object> desired) {
    return isHotReload(Metadata.annotation(desired, Ownership.ROLLOUT));
  }

  /** The policy of a desired object; unknown values fall back to Rollout, bad timeouts to 1h. */
  public static RolloutPolicy of(Map<String, Object> desired) {
    return of(desired, Mode.ROLLOUT);
  }

  /**
   * The policy of a desired object, {@code fallback} (the source's default) when it has no
   * {@code roster.dev/rollout} annotation; unknown values fall back to Rollout, bad timeouts to
   * 1h.
   */
  public static RolloutPolicy of(Map<String, Object> desired, Mode fallback) {
    String mode = Metadata.annotation(desired, Ownership.ROLLOUT);
    Mode m;
    if (mode == null) {
      m = fallback == null ? Mode.ROLLOUT : fallback;
    } else {
      try {
        m = Mode.parse(mode);
      } catch (IllegalArgumentException e) {
        m = Mode.ROLLOUT;
      }
    }
    String t = Metadata.annotation(desired, Ownership.ROLLOUT_TIMEOUT);
    Duration timeout = DEFAULT_TIMEOUT;
    if (t != null) {
      try {
        timeout = Durations.parse(t);
      } catch (IllegalArgumentException e) {
        timeout = DEFAULT_TIMEOUT;
      }
    }
    return new RolloutPolicy(m, timeout);
  }
}
