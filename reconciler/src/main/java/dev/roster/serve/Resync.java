package dev.roster.serve;

import dev.roster.engine.Engine;
import dev.roster.serve.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Full verification passes of one source: every {@code interval} while leading, and at once when
 * an informer reports a watch error, relist or reconnect. Each marks the engine's next pass as a
 * verification ({@link Engine#verifyNext}: fresh lists, no memo) and requests it; requests
 * coalesce like any other, so a burst of informer errors costs one pass.
 */
final class Resync {
  private final String source;
  private final Engine engine;
  private final SourceWorker worker;
  private final Duration interval;
  private final Metrics metrics;
  private ScheduledFuture<?> next;

  Resync(String source, Engine engine, SourceWorker worker, Duration interval, Metrics metrics) {
    this.source = source;
    this.engine = engine;
    this.worker = worker;
    this.interval = interval;
    this.metrics = metrics;
  }

  /** Starts the interval (the first after one interval: the start pass runs anyway). */
  synchronized void start(ScheduledExecutorService executor) {
    stop();
    long ms = Math.max(1, interval.toMillis());
    next = executor.scheduleWithFixedDelay(() -> now("interval"), ms, ms, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** Asks for a verification pass now; {@code cause}: interval, informer or reconnect. */
  void now(String cause) {
    engine.verifyNext();
    metrics.resync(source, cause);
    worker.request("resync");
  }
}
