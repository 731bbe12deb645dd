package dev.roster.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waiting for SIGTERM or Ctrl-C (SIGINT) in long-running commands, which they treat as the normal
 * way to stop: the command finishes its work, records status and returns its exit code, 0.
 *
 * <p>Contract: {@link #awaitSignal} returns on the first SIGTERM or SIGINT, which Roster handles
 * itself so the JVM does not begin shutting down (it would exit 143 or 130 whatever the command
 * returns). A second signal halts at once with 128 + the signal number; a command still not
 * {@link #done} a grace period after the first signal is ended with exit 1. Where the VM keeps the
 * signals ({@code -Xrs}) or for any other shutdown (SIGHUP), a shutdown hook makes {@link
 * #awaitSignal} return and holds the JVM until {@link #done} or the grace period ends.
 */
final class Shutdown {
  private static volatile CountDownLatch done = new CountDownLatch(1);
  /** Counted down once the handlers are in place; tests wait on it before raising a signal. */
  static volatile CountDownLatch armed = new CountDownLatch(1);
  /** Whether the last {@link #awaitSignal} handles SIGTERM itself (else the JVM shuts down). */
  static volatile boolean handlesSignals;

  private Shutdown() {}

  /** Blocks until a stop signal; the caller must call {@link #done()} when finished. */
  static void awaitSignal(Duration grace) throws InterruptedException {
    CountDownLatch finished = new CountDownLatch(1);
    done = finished;
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roster-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    List<Runnable> restore = new ArrayList<>();
    handlesSignals = false;
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal signal = new Signal(name);
        SignalHandler previous = Signal.handle(signal, s -> stop(s, stop, finished, grace));
        restore.add(() -> Signal.handle(signal, previous));
        handlesSignals |= "TERM".equals(name);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // the VM keeps this signal: the shutdown hook still stops the command
      }
    }
    armed.countDown();
    try {
      stop.await();
    } finally {
      restore.forEach(Runnable::run);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway and is released by done()
      }
    }
  }

  private static void stop(Signal s, CountDownLatch stop, CountDownLatch finished,
      Duration grace) {
    if (stop.getCount() == 0) {
      Runtime.getRuntime().halt(128 + s.getNumber()); // a second signal: stop now
    }
    stop.countDown();
    Thread watchdog = new Thread(() -> {
      try {
        if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          System.err.println("roster: still stopping " + grace.toSeconds()
              + "s after SIG" + s.getName() + "; exiting");
          System.exit(ExitCode.INTERNAL);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roster-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The command has finished stopping: lets a pending shutdown proceed. */
  static void done() {
    done.countDown();
  }
}
