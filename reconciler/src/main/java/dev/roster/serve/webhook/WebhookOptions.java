package dev.roster.serve.webhook;

import java.time.Clock;
import java.util.Objects;

/**
 * Limits of {@link WebhookHandler}.
 *
 * @param maxBodyBytes largest body read; a longer one is answered 413 without reading on (1 to 64
 *     MiB)
 * @param burst requests one endpoint accepts back to back before the rate limit applies (≥ 1)
 * @param perSecond steady rate one endpoint accepts (tokens refilled per second, &gt; 0)
 * @param clock time source for delivery records and the rate limit (tests inject their own)
 */
public record WebhookOptions(int maxBodyBytes, int burst, double perSecond, Clock clock) {
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_BURST = 20;
  public static final double DEFAULT_PER_SECOND = 5;

  public WebhookOptions {
    if (maxBodyBytes < 1 || maxBodyBytes > 64 << 20) {
      throw new IllegalArgumentException("maxBodyBytes must be 1 to 64 MiB: " + maxBodyBytes);
    }
    if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate limit needs burst >= 1 and perSecond > 0");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** 1 MiB bodies, burst 20, 5 per second, the system clock. */
  public static WebhookOptions defaults() {
    return new WebhookOptions(DEFAULT_MAX_BODY_BYTES, DEFAULT_BURST, DEFAULT_PER_SECOND,
        Clock.systemUTC());
  }

  public WebhookOptions withMaxBodyBytes(int bytes) {
    return new WebhookOptions(bytes, burst, perSecond, clock);
  }

  public WebhookOptions withRateLimit(int newBurst, double newPerSecond) {
    return new WebhookOptions(maxBodyBytes, newBurst, newPerSecond, clock);
  }

  public WebhookOptions withClock(Clock newClock) {
    return new WebhookOptions(maxBodyBytes, burst, perSecond, newClock);
  }
}
