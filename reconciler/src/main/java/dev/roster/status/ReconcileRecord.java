package dev.roster.status;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.plan.Action;
import dev.roster.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One finished reconcile of one source, as kept in its history.
 *
 * @param revision the revision attempted ({@code main@sha1:<hash>}); empty when the source could
 *     not be fetched
 * @param trigger {@code poll}, {@code webhook:<provider>/<delivery>}, {@code drift}, {@code start}
 *     or {@code manual}
 * @param startedAt when it started
 * @param durationMillis how long it took
 * @param counts objects by what happened to them
 * @param result {@value #SUCCEEDED}, {@value #FAILED}, {@value #NO_OP} or {@value #REFUSED}
 * @param reason a {@link Conditions} reason: {@code ReconciliationSucceeded} on success, else why
 *     it failed
 * @param message lower-case, values in single quotes, no secrets
 */
public record ReconcileRecord(
    String revision,
    String trigger,
    Instant startedAt,
    long durationMillis,
    Counts counts,
    String result,
    String reason,
    String message) {
  /** Applied, with at least one write. */
  public static final String SUCCEEDED = "succeeded";
  /** Something failed: source, validation, cluster, or at least one object. */
  public static final String FAILED = "failed";
  /** Live already matched the revision; nothing written. */
  public static final String NO_OP = "no-op";
  /** Nothing applied because a guard refused the revision (e.g. mass prune). */
  public static final String REFUSED = "refused";

  /**
   * What a message's warnings start with: a pass that succeeded with something to warn about
   * (such as objects no inventory lists) ends its message with them, and {@code Ready} keeps them.
   */
  public static final String WARNING = "; warning: ";

  /** How many fields not written a message names ({@link Plan#notWrittenNamed}). */
  public static final int UNWRITTEN_LISTED = 10;

  /**
   * The message of a pass that found nothing to write for {@code plan}: {@code live matches
   * revision 'R'} only when Git and live agree on every field Git sets, else {@code nothing to
   * write for revision 'R'} (the fields left alone follow as a warning: {@link #withWarnings}).
   */
  public static String nothingToWrite(Plan plan) {
    return (plan.unwrittenCount() == 0 ? "live matches revision '"
        : "nothing to write for revision '") + plan.revision() + "'";
  }

  /**
   * {@code message}, then {@code plan}'s warnings and the fields Git and live differ in that were
   * not written, each after {@link #WARNING}: what status and serve's log say every pass, so a
   * success is never silent about what differs. {@code plan} null: {@code message}.
   */
  public static String withWarnings(String message, Plan plan) {
    if (plan == null) {
      return message;
    }
    List<String> all = new ArrayList<>(plan.warnings());
    String unwritten = plan.notWrittenNamed(UNWRITTEN_LISTED);
    if (!unwritten.isEmpty()) {
      all.add(unwritten);
    }
    return all.isEmpty() ? message : message + WARNING + String.join(WARNING, all);
  }

  /**
   * {@code N object(s) failed or were refused: Kind ns/name (failed: why), …} naming the first
   * {@code listed} failures of {@code result} and refusals of {@code plan}, then {@code and N
   * more}:
   * status says which object and why, not only how many.
   */
  public static String failedNamed(Plan plan, ApplyResult result, int listed) {
    List<String> all = new ArrayList<>();
    result.failures().forEach(o -> all.add(named(o.change()) + " (failed: " + o.message() + ")"));
    plan.of(Action.REFUSED).forEach(c -> all.add(named(c) + " (refused: " + c.reason() + ")"));
    return all.size() + " object(s) failed or were refused" + (all.isEmpty() ? "" : ": "
        + String.join("; ", all.subList(0, Math.min(listed, all.size())))
        + (all.size() > listed ? "; and " + (all.size() - listed) + " more" : ""));
  }

  /**
   * {@code update Kind ns/name, prune Kind ns/name, …}: the first {@code listed} changes of
   * {@code plan} that apply would write, then {@code and N more}; what drift=report leaves as is.
   */
  public static String drifted(Plan plan, int listed) {
    List<String> all = plan.changes().stream().filter(c -> c.writes())
        .map(c -> c.action().name().toLowerCase(java.util.Locale.ROOT) + " " + named(c)).toList();
    return String.join(", ", all.subList(0, Math.min(listed, all.size())))
        + (all.size() > listed ? " and " + (all.size() - listed) + " more" : "");
  }

  private static String named(dev.roster.plan.Change c) {
    return c.key().kind() + " " + (c.key().namespace().isEmpty() ? ""
        : c.key().namespace() + "/") + c.key().name();
  }

  public static final String POLL = "poll";
  public static final String WEBHOOK = "webhook";
  public static final String DRIFT = "drift";
  public static final String START = "start";
  public static final String MANUAL = "manual";

  public ReconcileRecord {
    revision = revision == null ? "" : revision;
    trigger = trigger == null ? "" : trigger;
    counts = counts == null ? Counts.NONE : counts;
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
  }

  /**
   * Objects of one reconcile by what happened to them.
   *
   * @param created created
   * @param updated patched (or re-applied)
   * @param pruned pruned
   * @param unchanged already equal
   * @param failed failed or refused
   */
  public record Counts(long created, long updated, long pruned, long unchanged, long failed) {
    /** All zero: nothing was planned or applied. */
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    /** The counts of an apply. */
    public static Counts of(ApplyResult r) {
      long created = 0;
      long updated = 0;
      long pruned = 0;
      long unchanged = 0;
      long failed = 0;
      for (Outcome o : r.outcomes()) { // one walk over what may be every object of the source
        Action a = o.change().action();
        boolean applied = o.status() == Outcome.Status.APPLIED;
        created += a == Action.CREATE && applied ? 1 : 0;
        updated += a == Action.UPDATE && applied ? 1 : 0;
        pruned += a == Action.PRUNE && applied ? 1 : 0;
        unchanged += a == Action.UNCHANGED ? 1 : 0;
        failed += failure(o) ? 1 : 0;
      }
      return new Counts(created, updated, pruned, unchanged, failed);
    }

    /** The counts of a plan that was not applied: its unchanged and refused objects. */
    public static Counts of(Plan p) {
      return new Counts(0, 0, 0, p.count(Action.UNCHANGED), p.count(Action.REFUSED));
    }

    /** Whether {@code o} counts as failed: it failed, or its object was refused. */
    static boolean failure(Outcome o) {
      return o.status() == Outcome.Status.FAILED || o.change().action() == Action.REFUSED;
    }
  }

  /**
   * The record of an apply that ran: {@value #FAILED} ({@code ApplyFailed}) when an object failed
   * or was refused, else {@value #SUCCEEDED} when anything was written, else {@value #NO_OP}.
   */
  public static ReconcileRecord applied(String trigger, Instant startedAt, Duration took,
      Plan plan, ApplyResult result) {
    Counts c = Counts.of(result);
    String rev = plan.revision();
    if (c.failed() > 0) {
      List<String> names = result.outcomes().stream().filter(Counts::failure)
          .map(o -> o.change().key().subject()).toList();
      String shown = names.stream().limit(3).map(n -> "'" + n + "'")
          .collect(Collectors.joining(", ")) + (names.size() > 3 ? ", ..." : "");
      return new ReconcileRecord(rev, trigger, startedAt, took.toMillis(), c, FAILED,
          Conditions.APPLY_FAILED, c.failed() + " of " + plan.changes().size()
              + " objects failed or were refused at revision '" + rev + "': " + shown);
    }
    boolean wrote = c.created() + c.updated() + c.pruned() > 0;
    return new ReconcileRecord(rev, trigger, startedAt, took.toMillis(), c,
        wrote ? SUCCEEDED : NO_OP, Conditions.RECONCILIATION_SUCCEEDED,
        String.format("applied revision '%s': %d created, %d updated, %d pruned", rev,
            c.created(), c.updated(), c.pruned()));
  }

  /**
   * The record of any pass, from what it produced: counts from {@code applied}, else from {@code
   * plan} (unchanged and refused objects), else none. Result: when {@code failed}, {@value
   * #REFUSED} for {@code PruneRefused} and {@value #FAILED} otherwise; else {@value #SUCCEEDED}
   * when anything was written and {@value #NO_OP} when nothing was.
   *
   * @param revision the revision, or empty when the source could not be fetched
   * @param plan the plan, or null when planning did not happen
   * @param applied the apply result, or null when nothing was applied
   * @param reason a {@link Conditions} reason ({@code ReconciliationSucceeded} on success)
   */
  public static ReconcileRecord of(String revision, String trigger, Instant startedAt,
      Duration took, Plan plan, ApplyResult applied, boolean failed, String reason,
      String message) {
    Counts c = applied != null ? Counts.of(applied) : plan != null ? Counts.of(plan) : Counts.NONE;
    String result = failed ? (Conditions.PRUNE_REFUSED.equals(reason) ? REFUSED : FAILED)
        : c.created() + c.updated() + c.pruned() > 0 ? SUCCEEDED : NO_OP;
    return new ReconcileRecord(revision, trigger, startedAt, took.toMillis(), c, result, reason,
        message);
  }

  /**
   * The record of a pass that stopped before or instead of applying: {@link #of} without plan
   * or apply result, failed.
   *
   * @param revision the revision, or empty when the source could not be fetched
   * @param reason a {@link Conditions} reason, e.g. {@code SourceFetchFailed}
   */
  public static ReconcileRecord stopped(String revision, String trigger, Instant startedAt,
      Duration took, String reason, String message) {
    return of(revision, trigger, startedAt, took, null, null, true, reason, message);
  }

  /** Whether the revision is live now: {@value #SUCCEEDED} or {@value #NO_OP}. */
  public boolean ok() {
    return SUCCEEDED.equals(result) || NO_OP.equals(result);
  }

  /** {@link #durationMillis} as a duration. */
  public Duration duration() {
    return Duration.ofMillis(durationMillis);
  }

  /** The trigger of a webhook delivery: {@code webhook:<provider>/<delivery>}. */
  public static String webhookTrigger(String provider, String delivery) {
    return WEBHOOK + ":" + provider + "/" + delivery;
  }

  /** The kind of a trigger, without a webhook's provider and delivery: {@code webhook}, ... */
  public static String triggerKind(String trigger) {
    int colon = trigger.indexOf(':');
    return colon < 0 ? trigger : trigger.substring(0, colon);
  }
}
