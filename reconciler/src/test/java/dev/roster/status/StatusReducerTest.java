package dev.roster.status;

import static dev.roster.status.Records.T0;
import static dev.roster.status.Records.failed;
import static dev.roster.status.Records.ok;
import static dev.roster.status.Records.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusReducerTest {
  static final SourceStatus START = StatusReducer.initial("app", "https://git/app.git", "main", T0);

  static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  static Condition cond(SourceStatus s, String type) {
    return s.condition(type).orElseThrow(() -> new AssertionError("no " + type + " in " + s));
  }

  @Test
  void initialIsReadyUnknownWithNothingApplied() {
    assertEquals(List.of(new Condition("Ready", "Unknown", "Progressing",
        "waiting for the first reconciliation", T0)), START.conditions());
    assertEquals("", START.lastAppliedRevision());
    assertTrue(START.history().isEmpty());
  }

  @Test
  void successMakesReadyTrueAndRecordsTheRevision() {
    ManagedCounts managed = new ManagedCounts(10, 0, 1);
    SourceStatus s = StatusReducer.next(START, ok(rev("a1"), at(1)), managed, at(2));

    assertEquals(new Condition("Ready", "True", "ReconciliationSucceeded",
        "applied revision '" + rev("a1") + "'", at(2)), cond(s, "Ready"));
    assertEquals(1, s.conditions().size(), "no Stalled, no Reconciling");
    assertEquals(rev("a1"), s.lastAppliedRevision());
    assertEquals(rev("a1"), s.lastAttemptedRevision());
    assertEquals(managed, s.managed());
    assertEquals(at(2), s.observedAt());
    assertEquals(List.of(ok(rev("a1"), at(1))), s.history());
  }

  @Test
  void noOpCountsAsSuccess() {
    ReconcileRecord noop = new ReconcileRecord(rev("a1"), "drift", at(1), 40,
        ReconcileRecord.Counts.NONE, ReconcileRecord.NO_OP, "", "");
    SourceStatus s = StatusReducer.next(START, noop, null, at(1));
    assertEquals("True", cond(s, "Ready").status());
    assertEquals(rev("a1"), s.lastAppliedRevision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SourceFetchFailed", "ClusterUnreachable", "ApplyFailed",
      "DependencyNotReady"})
  void retryableFailureIsNotReadyButNotStalled(String reason) {
    SourceStatus good = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    SourceStatus s = StatusReducer.next(good,
        failed(rev("b2"), reason, "failed to do it: boom", at(2)), null, at(2));

    assertEquals(new Condition("Ready", "False", reason, "failed to do it: boom", at(2)),
        cond(s, "Ready"));
    assertEquals(new Condition("Stalled", "False", reason, "failed to do it: boom", at(2)),
        cond(s, "Stalled"));
    assertEquals(rev("a1"), s.lastAppliedRevision(), "the last good state stays live");
    assertEquals(rev("b2"), s.lastAttemptedRevision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ValidationFailed", "PruneRefused"})
  void nonRetryableFailureStalls(String reason) {
    SourceStatus good = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    SourceStatus s = StatusReducer.next(good,
        failed(rev("b2"), reason, "2 errors in 'apps/x.yaml'", at(2)), null, at(2));

    assertEquals("False", cond(s, "Ready").status());
    assertEquals(reason, cond(s, "Ready").reason());
    assertEquals(new Condition("Stalled", "True", reason, "2 errors in 'apps/x.yaml'", at(2)),
        cond(s, "Stalled"));
    assertEquals(rev("a1"), s.lastAppliedRevision());
  }

  @Test
  void anExplicitRetryableFlagOverridesTheReason() {
    ReconcileRecord authFailed = failed("", "SourceFetchFailed", "authentication failed", at(1));
    SourceStatus s = StatusReducer.next(START, authFailed, null, false, at(1));
    assertEquals("True", cond(s, "Stalled").status());
    assertEquals("SourceFetchFailed", cond(s, "Stalled").reason());

    ReconcileRecord invalid = failed(rev("b"), "ValidationFailed", "1 error", at(2));
    assertEquals("False", cond(StatusReducer.next(s, invalid, null, true, at(2)), "Stalled")
        .status());
  }

  @Test
  void suspendedChangesOnlyReadysReason() {
    SourceStatus good = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    ReconcileRecord suspended = new ReconcileRecord(rev("b2"), "poll", at(2), 10,
        ReconcileRecord.Counts.NONE, ReconcileRecord.NO_OP, "Suspended", "");
    SourceStatus s = StatusReducer.next(good, suspended, null, at(2));

    assertEquals(new Condition("Ready", "True", "Suspended",
        "source is suspended; nothing applied", at(1)), cond(s, "Ready"));
    assertEquals(rev("a1"), s.lastAppliedRevision());
    assertEquals(rev("a1"), s.lastAttemptedRevision(), "nothing was attempted");
    assertEquals(2, s.history().size());
    assertEquals("Unknown", cond(StatusReducer.next(START, suspended, null, at(2)), "Ready")
        .status());
  }

  @Test
  void driftDetectedIsNotReadyButNotAFailure() {
    SourceStatus good = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    good = StatusReducer.next(good, failed(rev("b2"), "ValidationFailed", "x", at(2)), null,
        at(2));
    ReconcileRecord drift = new ReconcileRecord(rev("a1"), "drift", at(3), 10,
        ReconcileRecord.Counts.NONE, ReconcileRecord.NO_OP, "DriftDetected",
        "live differs from revision '" + rev("a1") + "' (drift=report)");
    SourceStatus s = StatusReducer.next(good, drift, null, at(3));

    assertEquals(new Condition("Ready", "False", "DriftDetected", drift.message(), at(2)),
        cond(s, "Ready"));
    assertTrue(s.condition("Stalled").isEmpty());
    assertEquals(rev("a1"), s.lastAppliedRevision());
  }

  @Test
  void recoversAfterABrokenCommit() {
    ManagedCounts before = new ManagedCounts(5, 0, 0);
    SourceStatus s = StatusReducer.next(START, ok(rev("a1"), at(1)), before, at(1));
    s = StatusReducer.next(s, failed(rev("b2"), "ValidationFailed", "1 error", at(2)), null,
        at(2));
    assertEquals(before, s.managed(), "nothing applied: counts kept");
    assertTrue(Conditions.isTrue(s.conditions(), "Stalled"));

    s = StatusReducer.next(s, ok(rev("c3"), at(3)), new ManagedCounts(6, 0, 0), at(3));

    assertEquals(new Condition("Ready", "True", "ReconciliationSucceeded",
        "applied revision '" + rev("c3") + "'", at(3)), cond(s, "Ready"));
    assertTrue(s.condition("Stalled").isEmpty(), "Stalled removed on success");
    assertEquals(rev("c3"), s.lastAppliedRevision());
    assertEquals(List.of(rev("c3"), rev("b2"), rev("a1")),
        s.history().stream().map(ReconcileRecord::revision).toList());
  }

  @Test
  void historyKeepsTheLastTenNewestFirst() {
    SourceStatus s = START;
    for (int i = 0; i < 13; i++) {
      s = StatusReducer.next(s, ok(rev("r" + i), at(i)), null, at(i));
    }
    assertEquals(SourceStatus.HISTORY_LIMIT, s.history().size());
    assertEquals(rev("r12"), s.history().get(0).revision());
    assertEquals(rev("r3"), s.history().get(9).revision());
    assertEquals(rev("r12"), s.lastReconcile().orElseThrow().revision());
  }

  @Test
  void lastTransitionTimeChangesOnlyWhenStatusFlips() {
    SourceStatus s = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    s = StatusReducer.next(s, ok(rev("a2"), at(2)), null, at(2));
    assertEquals(at(1), cond(s, "Ready").lastTransitionTime(), "True -> True keeps the time");
    assertEquals("applied revision '" + rev("a2") + "'", cond(s, "Ready").message());

    s = StatusReducer.next(s, failed(rev("b1"), "SourceFetchFailed", "x", at(3)), null, at(3));
    assertEquals(at(3), cond(s, "Ready").lastTransitionTime(), "True -> False");
    assertEquals(at(3), cond(s, "Stalled").lastTransitionTime());

    s = StatusReducer.next(s, failed(rev("b2"), "ValidationFailed", "y", at(4)), null, at(4));
    assertEquals(at(3), cond(s, "Ready").lastTransitionTime(), "False -> False, new reason");
    assertEquals("ValidationFailed", cond(s, "Ready").reason());
    assertEquals(at(4), cond(s, "Stalled").lastTransitionTime(), "Stalled False -> True");

    s = StatusReducer.next(s, ok(rev("c1"), at(5)), null, at(5));
    assertEquals(at(5), cond(s, "Ready").lastTransitionTime(), "False -> True");
  }

  @Test
  void transitionTimesHaveSecondsPrecision() {
    SourceStatus s = StatusReducer.next(START, ok(rev("a1"), T0),
        null, T0.plusMillis(61_789));
    assertEquals(T0.plusSeconds(61), cond(s, "Ready").lastTransitionTime());
  }

  @Test
  void progressingSetsReconcilingAndTheNextRecordRemovesIt() {
    SourceStatus good = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    SourceStatus s = StatusReducer.progressing(good, rev("b2"), at(2));

    assertEquals(new Condition("Reconciling", "True", "Progressing",
        "reconciling revision '" + rev("b2") + "'", at(2)), cond(s, "Reconciling"));
    assertEquals(cond(good, "Ready"), cond(s, "Ready"), "Ready kept while reconciling");
    assertEquals(List.of("Ready", "Reconciling"),
        s.conditions().stream().map(Condition::type).toList());

    s = StatusReducer.next(s, ok(rev("b2"), at(2)), null, at(3));
    assertTrue(s.condition("Reconciling").isEmpty());
  }

  @Test
  void failureWithoutReasonIsApplyFailedOrPruneRefused() {
    ReconcileRecord failed = new ReconcileRecord(rev("b2"), "poll", at(1), 1,
        ReconcileRecord.Counts.NONE, ReconcileRecord.FAILED, "", "");
    SourceStatus s = StatusReducer.next(START, failed, null, at(1));
    assertEquals("ApplyFailed", cond(s, "Ready").reason());
    assertEquals("reconciliation of revision '" + rev("b2") + "' failed",
        cond(s, "Ready").message());
    assertEquals("False", cond(s, "Stalled").status());

    ReconcileRecord refused = new ReconcileRecord(rev("b2"), "poll", at(1), 1,
        ReconcileRecord.Counts.NONE, ReconcileRecord.REFUSED, null, null);
    s = StatusReducer.next(START, refused, null, at(1));
    assertEquals("PruneRefused", cond(s, "Ready").reason());
    assertEquals("True", cond(s, "Stalled").status());
  }

  @Test
  void webhookTriggerIsRecordedAsLastHandledWebhook() {
    ReconcileRecord r = new ReconcileRecord(rev("a1"),
        ReconcileRecord.webhookTrigger("github", "72d3162e-cc78"), at(1), 900,
        ReconcileRecord.Counts.NONE, ReconcileRecord.NO_OP, "", "");
    SourceStatus s = StatusReducer.next(START, r, null, at(2));
    assertEquals(new WebhookDelivery("github", "72d3162e-cc78", "no-op", at(2)),
        s.lastHandledWebhook());

    SourceStatus polled = StatusReducer.next(s, ok(rev("a2"), at(3)), null, at(3));
    assertEquals(s.lastHandledWebhook(), polled.lastHandledWebhook(), "poll keeps it");

    WebhookDelivery ignored = new WebhookDelivery("gitlab", "9", "ignored", at(4));
    SourceStatus w = StatusReducer.webhook(polled, ignored, at(4));
    assertEquals(ignored, w.lastHandledWebhook());
    assertEquals(polled.conditions(), w.conditions());
    assertEquals(polled.history(), w.history());
  }

  @Test
  void triggerKinds() {
    assertEquals("webhook", ReconcileRecord.triggerKind("webhook:github/1"));
    assertEquals("poll", ReconcileRecord.triggerKind("poll"));
    assertNull(START.lastHandledWebhook());
  }

  @Test
  void reducingNeverChangesThePreviousStatus() {
    SourceStatus good = StatusReducer.next(START, ok(rev("a1"), at(1)), null, at(1));
    SourceStatus copy = new SourceStatus(good.source(), good.repo(), good.ref(), good.conditions(),
        good.lastAppliedRevision(), good.lastAttemptedRevision(), good.lastHandledWebhook(),
        good.history(), good.managed(), good.observedAt());
    StatusReducer.next(good, failed(rev("b"), "ValidationFailed", "x", at(2)), null, at(2));
    assertEquals(copy, good);
    assertFalse(Conditions.stalls("ApplyFailed"));
  }
}
