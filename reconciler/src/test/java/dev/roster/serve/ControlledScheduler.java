package dev.roster.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler the test drives: {@link #execute} runs at once on a real thread (so a pass can
 * block while the test makes requests), while delayed tasks are only recorded, with their delay,
 * until the test {@link #fire}s them. Time never passes by itself.
 */
final class ControlledScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "controlled-scheduler");
    t.setDaemon(true);
    return t;
  });
  private final List<Delayed> scheduled = new ArrayList<>();

  /** A recorded delayed task. */
  final class Delayed implements ScheduledFuture<Object> {
    final Runnable task;
    final long delayMillis;
    private boolean cancelled;
    private boolean fired;

    Delayed(Runnable task, long delayMillis) {
      this.task = task;
      this.delayMillis = delayMillis;
    }

    @Override
    public synchronized boolean cancel(boolean mayInterrupt) {
      if (fired) {
        return false;
      }
      cancelled = true;
      return true;
    }

    @Override
    public synchronized boolean isCancelled() {
      return cancelled;
    }

    @Override
    public synchronized boolean isDone() {
      return cancelled || fired;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed o) {
      return Long.compare(delayMillis, o.getDelay(TimeUnit.MILLISECONDS));
    }

    /** Runs the task now, on the caller's thread, unless it was cancelled. */
    void fire() {
      synchronized (this) {
        if (cancelled || fired) {
          throw new IllegalStateException("cancelled or already fired");
        }
        fired = true;
      }
      task.run();
    }
  }

  /** Every delayed task scheduled so far, in order. */
  synchronized List<Delayed> scheduled() {
    return List.copyOf(scheduled);
  }

  /** The newest delayed task. */
  synchronized Delayed last() {
    return scheduled.get(scheduled.size() - 1);
  }

  @Override
  public void execute(Runnable command) {
    threads.execute(command);
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Delayed d = new Delayed(command, unit.toMillis(delay));
    scheduled.add(d);
    return d;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return (ScheduledFuture<V>) schedule(() -> {
      try {
        callable.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable c, long i, long p, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable c, long i, long d, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {
    threads.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return threads.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return threads.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return threads.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return threads.awaitTermination(timeout, unit);
  }
}
