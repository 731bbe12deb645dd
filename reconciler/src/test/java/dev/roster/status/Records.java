package dev.roster.status;

import java.time.Instant;

/** Reconcile records for tests. */
final class Records {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private Records() {}

  static String rev(String hashPrefix) {
    return "main@sha1:" + (hashPrefix + "0".repeat(40)).substring(0, 40);
  }

  static ReconcileRecord ok(String revision, Instant at) {
    return new ReconcileRecord(revision, ReconcileRecord.POLL, at, 1200,
        new ReconcileRecord.Counts(2, 1, 0, 7, 0), ReconcileRecord.SUCCEEDED,
        Conditions.RECONCILIATION_SUCCEEDED, "");
  }

  static ReconcileRecord failed(String revision, String reason, String message, Instant at) {
    return new ReconcileRecord(revision, ReconcileRecord.POLL, at, 300,
        ReconcileRecord.Counts.NONE, ReconcileRecord.FAILED, reason, message);
  }
}
