package dev.roster.serve.webhook;

import dev.roster.source.Urls;
import java.time.Instant;
import java.util.Objects;

/**
 * The record of one webhook request (one per source it concerned), for logs, metrics and the last
 * N shown in status. Holds no secret, signature or body: header and payload values are cut to a
 * bounded length, control characters are replaced, and URLs in the reason are redacted.
 *
 * @param time when the request was answered
 * @param source the source it concerned; {@code *} when it came to {@code POST /hooks} and no
 *     single source applies
 * @param provider the provider its headers claim (generic when none)
 * @param deliveryId the provider's delivery id, or null
 * @param event the provider's event name, or null
 * @param ref the ref that mattered (the tracked one when several moved), or null
 * @param result what happened
 * @param status the HTTP status answered
 * @param reason why, in a sentence; null when queued without remark
 */
public record Delivery(Instant time, String source, Provider provider, String deliveryId,
    String event, String ref, Result result, int status, String reason) {

  /** What became of a delivery. */
  public enum Result {
    IGNORED("ignored"),
    QUEUED("queued"),
    COALESCED("coalesced"),
    /** Accepted by a standby and handed to the leader, which reconciles it. */
    RELAYED("relayed"),
    /** The same delivery id was accepted before; acknowledged, not queued again. */
    DUPLICATE("duplicate"),
    REJECTED("rejected"),
    RATE_LIMITED("rate-limited");

    private final String label;

    Result(String label) {
      this.label = label;
    }

    /** The lower-case word used in responses, logs and metrics ({@code rate-limited}). */
    public String label() {
      return label;
    }
  }

  static final int MAX_FIELD = 200;
  static final int MAX_REASON = 500;

  public Delivery {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(result, "result");
    source = clean(source, MAX_FIELD);
    deliveryId = clean(deliveryId, MAX_FIELD);
    event = clean(event, MAX_FIELD);
    ref = clean(ref, MAX_FIELD);
    reason = clean(Urls.redact(reason), MAX_REASON);
  }

  /**
   * {@code s} made safe to log: control characters become {@code ?}, and anything past {@code
   * max} characters becomes {@code …}. Null stays null.
   */
  static String clean(String s, int max) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    if (s.length() > max) {
      b.append('…');
    }
    return b.toString();
  }
}
