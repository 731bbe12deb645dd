package dev.roster.failure;

/**
 * A stage failed for a {@link Reason}. The one exception shape of Roster: stages subclass it only
 * to narrow {@link #reason()} to their own enum, never to add another reason or retry flag.
 *
 * <p>Contract: {@link #retryable()} is the reason's: true means a later attempt without a new
 * commit can succeed (serve retries it with backoff), false means only a change by a person can
 * help (serve stalls until a new commit or restart). Messages never contain credentials.
 */
public class RosterException extends RuntimeException {
  private final Reason reason;

  public RosterException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public RosterException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Why the stage failed; never null. */
  public Reason reason() {
    return reason;
  }

  /** Whether a later attempt without a new commit can succeed; see the class contract. */
  public final boolean retryable() {
    return reason.retryable();
  }
}
