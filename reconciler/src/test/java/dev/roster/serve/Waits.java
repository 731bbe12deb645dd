package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Condition waits with a deadline: state is checked until it holds, with a short pause between
 * checks. The deadline only bounds a broken test; no assertion depends on how long anything took.
 */
final class Waits {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private Waits() {}

  /** Waits until {@code condition} holds; fails naming {@code what} at the deadline. */
  static void until(String what, BooleanSupplier condition) {
    until(what, () -> condition.getAsBoolean(), ok -> ok);
  }

  /**
   * Reads {@code value} until {@code ok} accepts it and returns that value; fails naming {@code
   * what} and the last value read at the deadline. A read that throws counts as not yet.
   */
  static <T> T until(String what, Supplier<T> value, Predicate<? super T> ok) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = value.get();
        lastError = null;
        if (ok.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting for " + what + "; last value: " + last
            + (lastError == null ? "" : "; last error: " + lastError));
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  /** Awaits a latch, failing at the deadline. */
  static void await(String what, CountDownLatch latch) throws InterruptedException {
    if (!latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("timed out waiting for " + what);
    }
  }
}
