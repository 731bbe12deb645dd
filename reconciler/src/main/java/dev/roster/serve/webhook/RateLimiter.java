package dev.roster.serve.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key: {@code burst} tokens, refilled at {@code perSecond}. Keys are
 * configured source names (and {@code *} for {@code POST /hooks}), or client addresses. The map
 * is bounded: past {@value #MAX_KEYS} keys, buckets that have refilled completely are dropped
 * (forgetting them changes nothing), and if that is not enough, all of them are.
 */
final class RateLimiter {
  private final int burst;
  private final double perSecond;
  private final Clock clock;
  static final int MAX_KEYS = 10_000;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int burst, double perSecond, Clock clock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = clock;
  }

  /** Takes a token for {@code key}: zero if one was free, else how long until one will be. */
  Duration acquire(String key) {
    Instant now = clock.instant();
    if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
      buckets.values().removeIf(b -> b.full(now));
      if (buckets.size() >= MAX_KEYS) {
        buckets.clear();
      }
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
  }

  /** The number of keys held (for tests of the bound). */
  int size() {
    return buckets.size();
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

    synchronized boolean full(Instant now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(Instant now) {
      if (now.isAfter(last)) {
        double elapsed = Duration.between(last, now).toNanos() / 1e9;
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        last = now;
      }
    }

    synchronized Duration take(Instant now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }
  }
}
