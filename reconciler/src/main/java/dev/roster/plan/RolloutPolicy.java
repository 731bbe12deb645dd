package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.Durations;
import java.time.Duration;
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
    ROLLOUT, HOT_RELOAD, MANUAL;

    /** {@code Rollout}, {@code HotReload} or {@code Manual}, case-insensitively. */
    public static Mode parse(String text) {
      return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
        case "rollout" -> ROLLOUT;
        case "hotreload" -> HOT_RELOAD;
        case "manual" -> MANUAL;
        default -> throw new IllegalArgumentException("invalid rollout policy '" + text
            + "' (expected Rollout, HotReload or Manual)");
      };
    }

    /** As written in annotations and flags: {@code Rollout}, {@code HotReload}, {@code Manual}. */
    public String text() {
      return switch (this) {
        case ROLLOUT -> "Rollout";
        case HOT_RELOAD -> "HotReload";
        case MANUAL -> "Manual";
      };
    }
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
