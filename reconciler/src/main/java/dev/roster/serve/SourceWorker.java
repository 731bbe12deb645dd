package dev.roster.serve;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Single-flight reconciles for one source. {@link #request} never blocks and never runs the pass
 * itself: the first request starts a pass on the executor; requests during a pass coalesce into
 * exactly one follow-up pass. A failed pass that can succeed on retry schedules one retry with
 * exponential backoff and jitter, up to a cap, for as long as it keeps failing (so a source that
 * comes back recovers by itself); a new request (a new commit, a webhook) supersedes the pending
 * retry. A stalled failure schedules nothing: it waits for a new request.
 */
public final class SourceWorker {
  /** What a request did. */
  public enum Enqueued {
    /** A pass will run for it. */
    QUEUED,
    /** A pass was already waiting; this request rides on it. */
    COALESCED,
    /** The worker is stopped (not leader, or shutting down). */
    REJECTED
  }

  /** Outcome of one pass, as the worker needs it. */
  public enum PassResult {
    SUCCEEDED,
    FAILED_RETRYABLE,
    FAILED_STALLED
  }

  private final String source;
  private final ScheduledExecutorService executor;
  private final Function<String, PassResult> pass;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final DoubleSupplier jitter;
  private boolean running;
  private boolean stopped = true;
  private String pending;
  private int failures;
  private ScheduledFuture<?> retry;

  public SourceWorker(String source, ScheduledExecutorService executor,
      Function<String, PassResult> pass, Duration minBackoff, Duration maxBackoff) {
    this(source, executor, pass, minBackoff, maxBackoff,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * As the other constructor; {@code jitter} gives a number in [0, 1) per retry, and the retry
   * waits {@link #backoff()} less up to 20% of it (0 waits the full backoff).
   */
  public SourceWorker(String source, ScheduledExecutorService executor,
      Function<String, PassResult> pass, Duration minBackoff, Duration maxBackoff,
      DoubleSupplier jitter) {
    this.jitter = jitter;
    this.source = source;
    this.executor = executor;
    this.pass = pass;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
  }

  public String source() {
    return source;
  }

  /** Accepts requests from now on (the process became leader). */
  public synchronized void start() {
    stopped = false;
  }

  /** Rejects requests from now on; a pass in flight finishes, no follow-up or retry runs. */
  public synchronized void stop() {
    stopped = true;
    pending = null;
    if (retry != null) {
      retry.cancel(false);
      retry = null;
    }
  }

  /** Asks for a pass; {@code trigger} says why (poll, webhook:github/…, drift, retry, start). */
  public synchronized Enqueued request(String trigger) {
    if (stopped) {
      return Enqueued.REJECTED;
    }
    if (retry != null && !"retry".equals(trigger)) {
      retry.cancel(false);
      retry = null;
    }
    if (!running) {
      running = true;
      executor.execute(() -> loop(trigger));
      return Enqueued.QUEUED;
    }
    if (pending != null) {
      return Enqueued.COALESCED;
    }
    pending = trigger;
    return Enqueued.QUEUED;
  }

  /** Whether a pass is running now. */
  public synchronized boolean busy() {
    return running;
  }

  /** Waits until no pass runs, or {@code timeout} passes; returns whether it is idle. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private void loop(String first) {
    String trigger = first;
    while (true) {
      PassResult result;
      try {
        result = pass.apply(trigger);
      } catch (RuntimeException e) {
        result = PassResult.FAILED_RETRYABLE;
      }
      synchronized (this) {
        failures = result == PassResult.SUCCEEDED ? 0 : failures + 1;
        if (pending != null && !stopped) {
          trigger = pending;
          pending = null;
          continue;
        }
        running = false;
        notifyAll();
        if (result == PassResult.FAILED_RETRYABLE && !stopped) {
          long base = backoff().toMillis();
          long delay = Math.max(1, base - (long) (base * 0.2 * jitter.getAsDouble()));
          retry = executor.schedule(() -> request("retry"), delay, TimeUnit.MILLISECONDS);
        }
        return;
      }
    }
  }

  /** Failed passes since the last success (0 after a success). */
  public synchronized int failures() {
    return failures;
  }

  /** min × 2^(failures-1), capped at max; the retry waits this less its jitter. */
  synchronized Duration backoff() {
    long millis = minBackoff.toMillis() << Math.min(20, Math.max(0, failures - 1));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
