package dev.roster.bench;

import dev.roster.status.ReconcileRecord;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Follows serve's finished passes through the status it records (read on its own client). */
final class Passes {
  private final StatusStore store;
  private final String source;

  Passes(KubernetesClient observer, String namespace, String source) {
    this.store = new StatusStore(observer, namespace);
    this.source = source;
  }

  /** A point in time: passes that start later are "after" it. */
  Instant mark() {
    return Instant.now();
  }

  /** Waits until {@code commit} is applied; throws if a pass of it fails or time runs out. */
  void awaitRevision(String commit, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SourceStatus> s = store.read(source);
      if (s.isPresent() && s.get().lastAppliedRevision().endsWith(commit)) {
        return;
      }
      Optional<ReconcileRecord> last = s.flatMap(SourceStatus::lastReconcile);
      if (last.isPresent() && last.get().revision().endsWith(commit) && !last.get().ok()) {
        throw new IllegalStateException("reconcile of " + commit + " failed: "
            + last.get().reason() + ": " + last.get().message());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("revision " + commit + " not applied within " + timeout);
  }

  /** The first pass recorded that started at or after {@code mark}; null on timeout. */
  ReconcileRecord awaitAfter(Instant mark, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ReconcileRecord> last = store.read(source).flatMap(SourceStatus::lastReconcile);
      if (last.isPresent() && !last.get().startedAt().isBefore(mark)) {
        return last.get();
      }
      Thread.sleep(50); // each read parses the status: poll gently, this JVM is the one measured
    }
    return null;
  }
}
