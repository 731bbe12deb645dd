package dev.roster.cli;

import dev.roster.apply.ApplyResult;
import dev.roster.plan.Plan;
import dev.roster.source.Urls;
import dev.roster.status.Conditions;
import dev.roster.status.ManagedCounts;
import dev.roster.status.ObjectState;
import dev.roster.status.PassStatus;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.RolloutReport;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusReducer;
import dev.roster.status.StatusStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code roster apply} records in the source's status ConfigMap, as a serve pass does
 * (conditions, last applied and attempted revision, history with trigger {@value
 * ReconcileRecord#MANUAL}, held rollouts), so {@code roster status} shows what the last apply did.
 *
 * <p>Contract: only an apply that ran is recorded — written, nothing to do, or objects failed or
 * refused. A run that stopped before writing anything (invalid repo, unreachable source, the
 * prune guard) writes nothing, status included: "nothing applied" stays literal, and the error is
 * on the terminal. An apply that found nothing to do, over a status that already says its
 * revision is live with nothing held and the same agent states, is not recorded again, so
 * re-applying a revision writes nothing. The message names the plan's warnings and the fields
 * Git and live differ in that were not written ({@link ReconcileRecord#withWarnings}). A status
 * that cannot be written is a warning on stderr; the exit code stays the
 * apply's.
 */
final class ApplyStatus {
  private final KubernetesClient client;
  private final String namespace;
  private final String source;
  private final String repo;
  private final String ref;
  private final Instant start = Instant.now();

  ApplyStatus(KubernetesClient client, String namespace, String source, String repo, String ref) {
    this.client = client;
    this.namespace = namespace;
    this.source = source;
    this.repo = Urls.redact(repo);
    this.ref = ref;
  }

  /** Records an apply that ran: succeeded, nothing to do, or objects failed or were refused. */
  void applied(Plan plan, ApplyResult result, long refused, PrintWriter err) {
    boolean failed = result.failed() || refused > 0;
    String message = failed
        ? ReconcileRecord.failedNamed(plan, result, ReconcileRecord.UNWRITTEN_LISTED)
        : ReconcileRecord.withWarnings(plan.hasChanges()
            ? "applied revision '" + plan.revision() + "'" : ReconcileRecord.nothingToWrite(plan),
            plan);
    Instant now = Instant.now();
    ReconcileRecord record = ReconcileRecord.of(plan.revision(), ReconcileRecord.MANUAL, start,
        Duration.between(start, now), plan, result, failed,
        failed ? Conditions.APPLY_FAILED : Conditions.RECONCILIATION_SUCCEEDED, message);
    ManagedCounts managed = ManagedCounts.of(result);
    try {
      StatusStore store = new StatusStore(client, namespace);
      if (ReconcileRecord.NO_OP.equals(record.result()) && plan.held().isEmpty()
          && store.read(source).filter(s -> alreadyLive(s, plan, message)).isPresent()) {
        return;
      }
      store.update(source, previous -> PassStatus.after(
          previous.orElseGet(() -> StatusReducer.initial(source, repo, ref, now)), record,
          managed, result.failed(), plan, result, now).status());
    } catch (RuntimeException e) {
      err.println("roster: warning: status of source '" + source + "' not recorded: "
          + e.getMessage());
    }
  }

  /**
   * The status says {@code plan}'s revision is live, nothing held, the same states, and the same
   * warnings and fields not written as {@code message}.
   */
  private static boolean alreadyLive(SourceStatus s, Plan plan, String message) {
    SourceStatus planned = s.withStates(plan.states().stream().map(c -> new ObjectState(
        RolloutReport.object(c.key()), c.health().state(), c.health().unhealthy(),
        c.health().message(), null)).toList()); // ordered and capped as stored
    List<String> now = planned.states().stream().map(o -> o.object() + "=" + o.state()).toList();
    List<String> was = s.states().stream().map(o -> o.object() + "=" + o.state()).toList();
    return plan.revision().equals(s.lastAppliedRevision()) && s.heldRollouts().isEmpty()
        && Conditions.isTrue(s.conditions(), Conditions.READY) && now.equals(was)
        && s.condition(Conditions.READY).map(c -> warnings(c.message())).orElse("")
            .equals(warnings(message));
  }

  /** What {@code message} says after its first {@link ReconcileRecord#WARNING}, if anything. */
  private static String warnings(String message) {
    int at = message.indexOf(ReconcileRecord.WARNING);
    return at < 0 ? "" : message.substring(at);
  }
}
