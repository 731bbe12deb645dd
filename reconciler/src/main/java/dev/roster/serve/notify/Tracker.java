package dev.roster.serve.notify;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.RolloutState;
import dev.roster.status.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns passes into notices and commit states; remembers, per source, the failure last told, so
 * a failure retried over and over is told once and its end is told as recovered. Thread-safe
 * (each source's passes run one at a time; sources run in parallel).
 */
final class Tracker {
  private static final String SHA = "@sha1:";

  /** What one pass means for notifications. */
  record Seen(List<Notice> notices, CommitState state) {}

  private final Map<String, String> failing = new ConcurrentHashMap<>(); // source -> reason|rev

  Seen observe(Pass p) {
    List<Notice> out = new ArrayList<>();
    if (p.result() == Pass.Result.FAILED) {
      String key = p.reason() + "|" + p.revision();
      if (!key.equals(failing.put(p.source(), key))) {
        out.add(notice(p, Conditions.PRUNE_REFUSED.equals(p.reason())
            ? NoticeKind.PRUNE_REFUSED : NoticeKind.RECONCILE_FAILED, p.reason(), p.message(),
            null, null));
      }
    } else if (p.result() == Pass.Result.SUCCEEDED && failing.remove(p.source()) != null) {
      out.add(notice(p, NoticeKind.RECOVERED, p.reason(), p.message(), null, null));
    }
    if (p.plan() != null) {
      for (Change c : p.plan().changes()) {
        RolloutState r = c.rollout();
        NoticeKind kind = switch (r.hold()) {
          case HELD -> NoticeKind.ROLLOUT_HELD;
          case AWAITING_APPROVAL -> NoticeKind.AWAITING_APPROVAL;
          case FORCED -> NoticeKind.FORCED;
          default -> null;
        };
        if (kind != null) {
          out.add(notice(p, kind, r.reason(), r.describe(), name(c.key()), r.since()));
        }
      }
    }
    return new Seen(List.copyOf(out), state(p));
  }

  private static Notice notice(Pass p, NoticeKind kind, String reason, String message,
      String object, java.time.Instant since) {
    return new Notice(kind, p.source(), p.revision(), reason, message, object, since, p.at());
  }

  /** The commit's state after {@code p}, or null when it is no Git commit or says nothing. */
  private static CommitState state(Pass p) {
    int at = p.revision() == null ? -1 : p.revision().lastIndexOf(SHA);
    if (at < 0) {
      return null;
    }
    String sha = p.revision().substring(at + SHA.length());
    if (p.result() == Pass.Result.FAILED) {
      return new CommitState(p.source(), sha, CommitState.State.FAILURE,
          p.reason() + ": " + p.message());
    }
    if (p.result() != Pass.Result.SUCCEEDED) {
      return null;
    }
    List<Change> held = p.plan() == null ? List.of() : p.plan().held();
    if (!held.isEmpty()) {
      return new CommitState(p.source(), sha, CommitState.State.PENDING, held.size()
          + " change(s) held: " + name(held.get(0).key()) + " " + held.get(0).rollout().reason());
    }
    return new CommitState(p.source(), sha, CommitState.State.SUCCESS, "live matches "
        + p.revision().substring(0, at) + " at " + sha.substring(0, Math.min(12, sha.length())));
  }

  /** {@code Kind namespace/name}, or {@code Kind name} when cluster-scoped. */
  static String name(ResourceKey k) {
    return k.kind() + " " + (k.namespace().isEmpty() ? "" : k.namespace() + "/") + k.name();
  }
}
