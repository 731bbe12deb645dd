package dev.roster.serve.webhook;

import java.time.Clock;
import java.util.Objects;

/**
 * Limits of {@link WebhookHandler}.
 *
 * @param maxBodyBytes largest body read; a longer one is answered 413 without reading on (1 to 64
 *     MiB)
 * @param burst deliveries that verified one endpoint accepts back to back before the rate limit
 *     applies (≥ 1)
 * @param perSecond steady rate of verified deliveries one endpoint accepts (&gt; 0)
 * @param failureBurst failed deliveries (bad or missing signature, oversized, not JSON) one client
 *     address may send back to back before its further failures are answered 429 (≥ 1); a budget
 *     of its own, so failures never use up a source's
 * @param failurePerSecond steady rate of failures one client address may send (&gt; 0)
 * @param recentDeliveries delivery ids remembered to acknowledge a repeat without queueing it
 *     again (0 to 1,000,000; 0 turns that off)
 * @param clock time source for delivery records and the rate limits (tests inject their own)
 */
public record WebhookOptions(int maxBodyBytes, int burst, double perSecond, int failureBurst,
    double failurePerSecond, int recentDeliveries, Clock clock) {
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_BURST = 20;
  public static final double DEFAULT_PER_SECOND = 5;
  public static final int DEFAULT_FAILURE_BURST = 20;
  public static final double DEFAULT_FAILURE_PER_SECOND = 2;
  public static final int DEFAULT_RECENT_DELIVERIES = 4096;

  public WebhookOptions {
    if (maxBodyBytes < 1 || maxBodyBytes > 64 << 20) {
      throw new IllegalArgumentException("maxBodyBytes must be 1 to 64 MiB: " + maxBodyBytes);
    }
    if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate limit needs burst >= 1 and perSecond > 0");
    }
    if (failureBurst < 1 || !(failurePerSecond > 0) || Double.isInfinite(failurePerSecond)) {
      throw new IllegalArgumentException("failure limit needs burst >= 1 and perSecond > 0");
    }
    if (recentDeliveries < 0 || recentDeliveries > 1_000_000) {
      throw new IllegalArgumentException("recentDeliveries must be 0 to 1000000");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * 1 MiB bodies; burst 20 and 5 per second per source; burst 20 and 2 per second of failures
   * per client address; the last 4,096 delivery ids; the system clock.
   */
  public static WebhookOptions defaults() {
    return new WebhookOptions(DEFAULT_MAX_BODY_BYTES, DEFAULT_BURST, DEFAULT_PER_SECOND,
        DEFAULT_FAILURE_BURST, DEFAULT_FAILURE_PER_SECOND, DEFAULT_RECENT_DELIVERIES,
        Clock.systemUTC());
  }

  public WebhookOptions withMaxBodyBytes(int bytes) {
    return new WebhookOptions(bytes, burst, perSecond, failureBurst, failurePerSecond,
        recentDeliveries, clock);
  }

  public WebhookOptions withRateLimit(int newBurst, double newPerSecond) {
    return new WebhookOptions(maxBodyBytes, newBurst, newPerSecond, failureBurst,
        failurePerSecond, recentDeliveries, clock);
  }

  public WebhookOptions withFailureLimit(int newBurst, double newPerSecond) {
    return new WebhookOptions(maxBodyBytes, burst, perSecond, newBurst, newPerSecond,
        recentDeliveries, clock);
  }

  public WebhookOptions withRecentDeliveries(int n) {
    return new WebhookOptions(maxBodyBytes, burst, perSecond, failureBurst, failurePerSecond, n,
        clock);
  }

  public WebhookOptions withClock(Clock newClock) {
    return new WebhookOptions(maxBodyBytes, burst, perSecond, failureBurst, failurePerSecond,
        recentDeliveries, newClock);
  }
}
