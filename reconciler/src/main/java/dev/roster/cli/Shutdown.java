package dev.roster.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for SIGTERM or Ctrl-C in long-running commands. {@link #awaitSignal} returns when the
 * JVM starts to shut down; the shutdown hook then holds the JVM until {@link #done} (or the grace
 * period ends), so the command can finish its work and record status before the JVM halts.
 */
final class Shutdown {
  private static final CountDownLatch DONE = new CountDownLatch(1);
  private static volatile Duration grace = Duration.ofSeconds(10);

  private Shutdown() {}

  /** Blocks until a shutdown signal; the caller must call {@link #done()} when finished. */
  static void awaitSignal(Duration hold) throws InterruptedException {
    grace = hold;
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        DONE.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roster-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } catch (InterruptedException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway and is released by done()
      }
      throw e;
    }
  }

  /** Lets a pending shutdown proceed. */
  static void done() {
    DONE.countDown();
  }
}
