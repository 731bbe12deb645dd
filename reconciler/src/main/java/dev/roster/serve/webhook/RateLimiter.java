package dev.roster.serve.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per endpoint key: {@code burst} tokens, refilled at {@code perSecond}. Keys
 * are configured source names (and {@code *} for {@code POST /hooks}), so the map stays small.
 */
final class RateLimiter {
  private final int burst;
  private final double perSecond;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int burst, double perSecond, Clock clock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = clock;
  }

  /** Takes a token for {@code key}: zero if one was free, else how long until one will be. */
  Duration acquire(String key) {
    Instant now = clock.instant();
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
  }

  /** Whole seconds to put in {@code Retry-After} for a wait: rounded up, at least 1. */
  static long retryAfterSeconds(Duration wait) {
    long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, s);
  }

  private final class Bucket {
    private double tokens;
    private Instant last;

    Bucket(double tokens, Instant last) {
      this.tokens = tokens;
      this.last = last;
    }

    synchronized Duration take(Instant now) {
      if (now.isAfter(last)) {
        double elapsed = Duration.between(last, now).toNanos() / 1e9;
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        last = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }
  }
}
