package dev.roster.cli;

import dev.roster.status.Condition;
import dev.roster.status.Conditions;
import dev.roster.status.HeldRollout;
import dev.roster.status.ObjectState;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.SourceStatus;
import dev.roster.status.WebhookDelivery;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders source statuses for people: a table of sources (SOURCE, READY, REASON, REVISION, AGE of
 * the last reconcile), held rollouts and agent states (objects in a state their profile names:
 * failed, not ready, queued, sleeping, over budget), then, for a single source, its details,
 * conditions and reconcile history.
 * Ages are relative to {@code now}, in kubectl's style ({@code 45s}, {@code 12m}, {@code 5h},
 * {@code 3d}).
 */
final class StatusText {
  private StatusText() {}

  static void render(List<SourceStatus> statuses, boolean details, Instant now, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SOURCE", "READY", "REASON", "REVISION", "AGE"});
    for (SourceStatus s : statuses) {
      Condition ready = s.condition(Conditions.READY).orElse(null);
      rows.add(new String[] {s.source(), ready == null ? Conditions.UNKNOWN : ready.status(),
          ready == null ? "-" : ready.reason(), dash(s.lastAppliedRevision()),
          s.lastReconcile().map(r -> age(finished(r), now)).orElse("-")});
    }
    table(rows, out);
    if (details && statuses.size() == 1) {
      details(statuses.get(0), now, out);
      return;
    }
    for (SourceStatus s : statuses) {
      if (!s.heldRollouts().isEmpty()) {
        out.println();
        out.println("Held rollouts of " + s.source() + ":");
        held(s.heldRollouts(), now, out);
      }
      if (!s.states().isEmpty()) {
        out.println();
        out.println("Agent states of " + s.source() + ":");
        states(s, now, out);
      }
    }
  }

  /** OBJECT, STATE (with ! when unhealthy), AGE in that state, MESSAGE: what the status says. */
  private static void states(SourceStatus s, Instant now, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"OBJECT", "STATE", "AGE", "MESSAGE"});
    for (ObjectState o : s.states()) {
      rows.add(new String[] {o.object(), o.state() + (o.unhealthy() ? " (unhealthy)" : ""),
          age(o.since(), now), dash(o.message())});
    }
    table(rows, out);
    if (s.statesOmitted() > 0) {
      out.println("… and " + s.statesOmitted() + " more not listed (the status keeps "
          + SourceStatus.STATES_LIMIT + ", unhealthy first)");
    }
  }

  /** OBJECT, REASON, IN-FLIGHT, AGE of the hold, DEADLINE (and time left) of a Rollout hold. */
  private static void held(List<HeldRollout> held, Instant now, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"OBJECT", "REASON", "IN-FLIGHT", "AGE", "DEADLINE"});
    for (HeldRollout h : held) {
      String deadline = h.deadline() == null ? "-" : h.deadline() + (now.isBefore(h.deadline())
          ? " (in " + age(now, h.deadline()) + ")" : " (due)");
      rows.add(new String[] {h.object(), dash(h.reason()), String.valueOf(h.inFlight()),
          age(h.since(), now), deadline});
    }
    table(rows, out);
  }

  private static void details(SourceStatus s, Instant now, PrintWriter out) {
    out.println();
    out.println("Source:          " + s.source());
    out.println("Repo:            " + dash(s.repo()) + (s.ref().isEmpty() ? "" : " (ref "
        + s.ref() + ")"));
    out.println("Last applied:    " + dash(s.lastAppliedRevision()));
    out.println("Last attempted:  " + dash(s.lastAttemptedRevision()));
    WebhookDelivery w = s.lastHandledWebhook();
    if (w != null) {
      out.println("Last webhook:    " + w.provider() + " delivery '" + w.delivery() + "': "
          + w.result() + (w.at() == null ? "" : ", " + age(w.at(), now) + " ago"));
    }
    out.printf("Objects:         %d managed, %d failed, %d orphaned%n", s.managed().managed(),
        s.managed().failed(), s.managed().orphaned());
    if (!s.heldRollouts().isEmpty()) {
      out.println();
      out.println("Held rollouts:");
      held(s.heldRollouts(), now, out);
    }
    if (!s.states().isEmpty()) {
      out.println();
      out.println("Agent states:");
      states(s, now, out);
    }
    out.println();
    out.println("Conditions:");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TYPE", "STATUS", "REASON", "AGE", "MESSAGE"});
    for (Condition c : s.conditions()) {
      rows.add(new String[] {c.type(), c.status(), c.reason(),
          c.lastTransitionTime() == null ? "-" : age(c.lastTransitionTime(), now), c.message()});
    }
    table(rows, out);
    out.println();
    if (s.history().isEmpty()) {
      out.println("No reconciles yet.");
      return;
    }
    out.println("Last " + s.history().size() + " reconciles (newest first):");
    rows = new ArrayList<>();
    rows.add(new String[] {"AGE", "TRIGGER", "RESULT", "DURATION", "CREATED", "UPDATED",
        "PRUNED", "UNCHANGED", "FAILED", "REVISION", "REASON"});
    for (ReconcileRecord r : s.history()) {
      ReconcileRecord.Counts n = r.counts();
      rows.add(new String[] {age(finished(r), now), r.trigger(), r.result(),
          duration(r.duration()), String.valueOf(n.created()), String.valueOf(n.updated()),
          String.valueOf(n.pruned()), String.valueOf(n.unchanged()), String.valueOf(n.failed()),
          dash(r.revision()), dash(r.reason())});
    }
    table(rows, out);
  }

  /** Columns padded to their widest cell, two spaces apart; the last one is not padded. */
  private static void table(List<String[]> rows, PrintWriter out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i == columns - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static Instant finished(ReconcileRecord r) {
    return r.startedAt() == null ? null : r.startedAt().plusMillis(r.durationMillis());
  }

  static String age(Instant then, Instant now) {
    if (then == null) {
      return "-";
    }
    long s = Math.max(0, Duration.between(then, now).getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 120 * 60) {
      return s / 60 + "m";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return ms / 60_000 + "m" + (ms / 1000) % 60 + "s";
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
