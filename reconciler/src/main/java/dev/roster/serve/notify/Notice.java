package dev.roster.serve.notify;

import java.time.Instant;

/**
 * One thing worth telling people about a source.
 *
 * @param kind what happened
 * @param source the source name
 * @param revision the revision of the pass
 * @param reason PascalCase reason (a status reason, or the hold's reason)
 * @param message human detail
 * @param object the object concerned ({@code Kind namespace/name}), or null for the source
 * @param since when a hold started (rollout notices), or null
 * @param at when the pass that saw it ended
 */
public record Notice(NoticeKind kind, String source, String revision, String reason,
    String message, String object, Instant since, Instant at) {

  /** Identity for sending once per target: kind, source, object, revision and hold start. */
  String key() {
    return kind + "|" + source + "|" + object + "|" + revision + "|" + since;
  }

  /** One line for chat. */
  String text() {
    String what = switch (kind) {
      case RECONCILE_FAILED -> "reconcile failed";
      case RECOVERED -> "recovered";
      case ROLLOUT_HELD -> "rollout held";
      case AWAITING_APPROVAL -> "awaiting approval";
      case FORCED -> "rollout forced";
      case PRUNE_REFUSED -> "mass prune refused";
    };
    return "roster: source " + source + ": " + what + (object == null ? "" : " — " + object)
        + (revision == null || revision.isEmpty() ? "" : " at " + revision)
        + (message == null || message.isEmpty() ? "" : ": " + message);
  }
}
