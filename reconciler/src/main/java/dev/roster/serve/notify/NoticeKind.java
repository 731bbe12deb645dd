package dev.roster.serve.notify;

import java.util.Locale;

/** What a notice is about; {@link #label} is its name in config and payloads. */
public enum NoticeKind {
  /** A pass failed (once per reason and revision). */
  RECONCILE_FAILED,
  /** A pass succeeded after failing. */
  RECOVERED,
  /** A restart-class change waits for work in flight longer than the target's threshold. */
  ROLLOUT_HELD,
  /** A change waits for {@code roster approve}. */
  AWAITING_APPROVAL,
  /** A hold timed out and the change went out with work in flight. */
  FORCED,
  /** The mass-prune guard refused the prunes; nothing was deleted. */
  PRUNE_REFUSED;

  /** {@code reconcile-failed}, {@code recovered}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind labelled {@code label}. */
  public static NoticeKind parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
