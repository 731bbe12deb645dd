package dev.roster.serve;

/** Receives every finished pass; status, events and metrics implement it. Must not throw. */
public interface SyncListener {
  void finished(SyncReport report);
}
