package dev.roster.serve.notify;

import java.time.Duration;
import java.util.List;

/**
 * The targets and how deliveries behave.
 *
 * @param targets where notifications go (empty: none)
 * @param queue how many requests wait per target; past it the oldest is dropped
 * @param perMinute requests per minute per target (token bucket, burst of the same size)
 * @param attempts tries per request, the first included
 * @param retryMin wait before the first retry; each next one waits twice as long
 * @param retryMax the longest wait between tries
 * @param timeout connect and request timeout of one try
 */
public record NotifySettings(List<NotifyTarget> targets, int queue, int perMinute, int attempts,
    Duration retryMin, Duration retryMax, Duration timeout) {
  /** No targets. */
  public static final NotifySettings NONE = of(List.of());

  public NotifySettings {
    targets = List.copyOf(targets);
  }

  /**
   * {@code targets} with the defaults: 100 queued per target, 30 per minute, 5 tries, retries
   * after 1 s doubling up to 1 min, 10 s timeout.
   */
  public static NotifySettings of(List<NotifyTarget> targets) {
    return new NotifySettings(targets, 100, 30, 5, Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofSeconds(10));
  }

  /** These settings with other retry waits (tests make them milliseconds). */
  public NotifySettings withRetry(Duration min, Duration max) {
    return new NotifySettings(targets, queue, perMinute, attempts, min, max, timeout);
  }
}
