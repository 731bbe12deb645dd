package dev.roster.serve.notify;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where notifications go.
 *
 * @param type the kind of receiver
 * @param url a webhook or Slack URL; for GitHub the repository's API URL ({@code
 *     https://api.github.com/repos/OWNER/REPO}), for GitLab the project's ({@code
 *     https://gitlab.com/api/v4/projects/ID}); {@code /statuses/<sha>} is added to both
 * @param secret the HMAC key of a webhook, the token of GitHub or GitLab; null for none (read
 *     from a file, never from config)
 * @param events the notices a webhook or Slack target takes; empty: all
 * @param heldAfter how long a rollout is held before {@link NoticeKind#ROLLOUT_HELD} is sent
 */
public record NotifyTarget(Type type, URI url, byte[] secret, Set<NoticeKind> events,
    Duration heldAfter) {
  /** Default of {@code heldAfter}. */
  public static final Duration DEFAULT_HELD_AFTER = Duration.ofMinutes(10);

  /** Receiver kinds; {@link #label} is the config's {@code type}. */
  public enum Type {
    WEBHOOK, SLACK, GITHUB, GITLAB;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this receiver takes commit states rather than notices. */
    boolean commitStatus() {
      return this == GITHUB || this == GITLAB;
    }
  }

  public NotifyTarget {
    events = events == null || events.isEmpty() ? EnumSet.allOf(NoticeKind.class)
        : EnumSet.copyOf(events);
    heldAfter = heldAfter == null ? DEFAULT_HELD_AFTER : heldAfter;
    secret = secret == null ? null : secret.clone();
  }

  /** Whether this target takes {@code n}: its kind is wanted, and a hold is old enough. */
  boolean wants(Notice n) {
    if (type.commitStatus() || !events.contains(n.kind())) {
      return false;
    }
    return n.kind() != NoticeKind.ROLLOUT_HELD || n.since() == null
        || !n.since().plus(heldAfter).isAfter(n.at());
  }

  /** Type and host only: a Slack URL, and any URL's path or query, may be a secret. */
  @Override
  public String toString() {
    return type.label() + " " + url.getScheme() + "://" + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
