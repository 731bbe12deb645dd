package dev.roster.serve;

import dev.roster.source.DirectoryTree;
import dev.roster.source.GitMirror;
import dev.roster.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Polls one source for new revisions. A Git source costs one ls-remote per interval and triggers
 * a reconcile only when the tracked commit moved; a directory source compares a fingerprint of
 * file names, sizes and modification times. Intervals carry ±10% jitter so many sources do not
 * poll in step. A poll that cannot read the source after one that could requests a pass, so the
 * failure shows in status (and the worker retries it with backoff) rather than only in a metric;
 * the first poll that reads it again requests one too.
 */
final class Poller {
  private final SourceConfig config;
  private final GitMirror mirror;
  private final SourceWorker worker;
  /** What the last poll saw; null before the first, {@link #FAILED} after a failed one. */
  private volatile String lastSeen;
  private static final String FAILED = "";
  private ScheduledFuture<?> next;
  private ScheduledExecutorService executor;

  /** Git requests are counted by {@code mirror}'s own listener ({@link GitMirror#onRequest}). */
  Poller(SourceConfig config, GitMirror mirror, SourceWorker worker) {
    this.config = config;
    this.mirror = mirror;
    this.worker = worker;
  }

  /** Starts polling; the first tick runs at once and always requests a reconcile. */
  synchronized void start(ScheduledExecutorService executor) {
    this.executor = executor;
    lastSeen = null;
    next = executor.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** One poll, then the next one scheduled; public to tests through the package. */
  void tick() {
    try {
      poll();
    } finally {
      schedule();
    }
  }

  /** One poll without scheduling another. */
  void poll() {
    try {
      String seen = observe();
      if (lastSeen == null || !lastSeen.equals(seen)) {
        worker.request(lastSeen == null ? "start" : "poll");
      }
      lastSeen = seen;
    } catch (SourceException e) {
      // The pass reports source failures in status, and retries them with backoff.
      if (lastSeen == null) {
        worker.request("start");
      } else if (!FAILED.equals(lastSeen)) {
        worker.request("poll");
      }
      lastSeen = FAILED;
    }
  }

  private synchronized void schedule() {
    if (next == null || executor == null) {
      return;
    }
    long base = config.interval().toMillis();
    long jitter = (long) (base * 0.1 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    next = executor.schedule(this::tick, Math.max(1, base + jitter), TimeUnit.MILLISECONDS);
  }

  private String observe() {
    if (!config.spec().isRemote()) {
      return fingerprint(Path.of(config.spec().repo()));
    }
    return mirror.lsRemote(config.spec());
  }

  static String fingerprint(Path dir) {
    new DirectoryTree(dir); // fails with a SourceException when the directory is gone
    try (Stream<Path> s = Files.walk(dir)) {
      long h = s.filter(Files::isRegularFile).sorted().mapToLong(p -> {
        try {
          return (p.toString().hashCode() * 31L + Files.size(p)) * 31L
              + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
          return 0;
        }
      }).reduce(17, (a, b) -> a * 1_000_003L + b);
      return Long.toHexString(h);
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
