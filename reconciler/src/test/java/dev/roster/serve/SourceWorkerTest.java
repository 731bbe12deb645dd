package dev.roster.serve;

import static dev.roster.serve.SourceWorker.Enqueued.COALESCED;
import static dev.roster.serve.SourceWorker.Enqueued.QUEUED;
import static dev.roster.serve.SourceWorker.Enqueued.REJECTED;
import static dev.roster.serve.SourceWorker.PassResult.FAILED_RETRYABLE;
import static dev.roster.serve.SourceWorker.PassResult.FAILED_STALLED;
import static dev.roster.serve.SourceWorker.PassResult.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.SourceWorker.Enqueued;
import dev.roster.serve.SourceWorker.PassResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Single flight, coalescing, retries and stopping of one source's worker. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SourceWorkerTest {
  static final Duration MIN = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofSeconds(1);

  final ControlledScheduler scheduler = new ControlledScheduler();
  final List<String> passes = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
  }

  /** A worker whose passes are recorded, then answered by {@code result}; started. */
  SourceWorker worker(Function<String, PassResult> result) {
    return worker(result, () -> 0.0);
  }

  SourceWorker worker(Function<String, PassResult> result, DoubleSupplier jitter) {
    SourceWorker w = new SourceWorker("config", scheduler, trigger -> {
      passes.add(trigger);
      return result.apply(trigger);
    }, MIN, MAX, jitter);
    w.start();
    return w;
  }

  /** A pass that signals {@code entered} and then waits for {@code release} the first time. */
  static Function<String, PassResult> firstBlocks(CountDownLatch entered, CountDownLatch release,
      PassResult result) {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    return trigger -> {
      seen.add(trigger);
      if (seen.size() == 1) {
        entered.countDown();
        try {
          Waits.await("release of the first pass", release);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return result;
    };
  }

  void awaitIdle(SourceWorker w) throws InterruptedException {
    assertTrue(w.awaitIdle(Waits.DEADLINE), "worker still busy at the deadline");
  }

  @Test
  void requestsDuringAPassCoalesceIntoExactlyOneFollowUp() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SourceWorker w = worker(firstBlocks(entered, release, SUCCEEDED));

    List<Enqueued> results = new ArrayList<>();
    results.add(w.request("start"));
    Waits.await("the first pass", entered);
    for (int i = 1; i < 100; i++) {
      results.add(w.request("webhook:github/" + i));
    }
    assertTrue(w.busy());
    assertEquals(List.of(QUEUED, QUEUED), results.subList(0, 2));
    assertEquals(Collections.nCopies(98, COALESCED), results.subList(2, 100));

    release.countDown();
    awaitIdle(w);
    assertEquals(List.of("start", "webhook:github/1"), passes,
        "one pass for the first request, one follow-up for the 99 during it");
    assertTrue(scheduler.scheduled().isEmpty(), "nothing to retry after successes");
    assertFalse(w.busy());
  }

  @Test
  void aRequestAfterThePassStartsANewOne() throws Exception {
    SourceWorker w = worker(t -> SUCCEEDED);
    assertEquals(QUEUED, w.request("start"));
    awaitIdle(w);
    assertEquals(QUEUED, w.request("poll"));
    awaitIdle(w);
    assertEquals(List.of("start", "poll"), passes);
  }

  @Test
  void aStoppedWorkerRejectsAndDropsItsFollowUp() throws Exception {
    SourceWorker fresh = new SourceWorker("config", scheduler, t -> SUCCEEDED, MIN, MAX);
    assertEquals(REJECTED, fresh.request("start"), "a worker starts stopped (not leader yet)");

    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SourceWorker w = worker(firstBlocks(entered, release, SUCCEEDED));
    assertEquals(QUEUED, w.request("start"));
    Waits.await("the first pass", entered);
    assertEquals(QUEUED, w.request("poll"));
    w.stop();
    assertEquals(REJECTED, w.request("webhook:gitlab/1"));
    assertTrue(w.busy(), "stop lets the pass in flight finish");
    release.countDown();
    awaitIdle(w);
    assertEquals(List.of("start"), passes, "no follow-up after stop");

    w.start();
    assertEquals(QUEUED, w.request("start"));
    awaitIdle(w);
    assertEquals(List.of("start", "start"), passes);
  }

  @Test
  void aRetryableFailureSchedulesRetriesWithExponentialBackoff() throws Exception {
    List<PassResult> script = new CopyOnWriteArrayList<>(List.of(FAILED_RETRYABLE,
        FAILED_RETRYABLE, FAILED_RETRYABLE, FAILED_RETRYABLE, FAILED_RETRYABLE, FAILED_RETRYABLE,
        SUCCEEDED));
    SourceWorker w = worker(t -> script.remove(0));
    w.request("poll");
    awaitIdle(w);

    List<Long> delays = new ArrayList<>();
    while (!script.isEmpty()) {
      ControlledScheduler.Delayed retry = scheduler.last();
      delays.add(retry.delayMillis);
      assertEquals(retry.delayMillis, w.backoff().toMillis());
      retry.fire();
      awaitIdle(w);
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), delays,
        "min doubling per failure, capped at max");
    assertEquals(List.of("poll", "retry", "retry", "retry", "retry", "retry", "retry"), passes);
    assertEquals(6, scheduler.scheduled().size(), "no retry after the success");
    assertEquals(MIN, w.backoff(), "a success resets the backoff");
  }

  @Test
  void retriesKeepComingWithJitterBelowTheBackoffAndCountFailures() throws Exception {
    List<Double> draws = new CopyOnWriteArrayList<>(List.of(0.5, 0.999, 0.0, 0.25));
    SourceWorker w = worker(t -> FAILED_RETRYABLE, () -> draws.remove(0));
    w.request("poll");
    awaitIdle(w);
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      delays.add(scheduler.last().delayMillis);
      scheduler.last().fire();
      awaitIdle(w);
    }
    delays.add(scheduler.last().delayMillis);
    assertEquals(List.of(90L, 161L, 400L, 760L), delays,
        "backoff less up to 20% jitter: 100-10, 200-39, 400-0, 800-40");
    assertEquals(4, w.failures(), "every failed attempt counts; a retry never gives up");
  }

  @Test
  void aNewRequestSupersedesThePendingRetry() throws Exception {
    List<PassResult> script = new CopyOnWriteArrayList<>(List.of(FAILED_RETRYABLE, SUCCEEDED));
    SourceWorker w = worker(t -> script.remove(0));
    w.request("poll");
    awaitIdle(w);
    ControlledScheduler.Delayed retry = scheduler.last();
    assertFalse(retry.isCancelled());

    assertEquals(QUEUED, w.request("webhook:gitea/1"));
    assertTrue(retry.isCancelled(), "the pending retry is cancelled by the new request");
    awaitIdle(w);
    assertEquals(List.of("poll", "webhook:gitea/1"), passes);
    assertEquals(1, scheduler.scheduled().size());
  }

  @Test
  void stopCancelsThePendingRetry() throws Exception {
    SourceWorker w = worker(t -> FAILED_RETRYABLE);
    w.request("poll");
    awaitIdle(w);
    ControlledScheduler.Delayed retry = scheduler.last();
    w.stop();
    assertTrue(retry.isCancelled());
  }

  @Test
  void aStalledFailureSchedulesNoRetry() throws Exception {
    SourceWorker w = worker(t -> FAILED_STALLED);
    w.request("poll");
    awaitIdle(w);
    assertTrue(scheduler.scheduled().isEmpty(), "a stalled revision waits for a new commit");
    assertEquals(List.of("poll"), passes);
  }

  @Test
  void aPassThatThrowsCountsAsRetryableAndDoesNotWedgeTheWorker() throws Exception {
    List<PassResult> script = new CopyOnWriteArrayList<>(List.of(SUCCEEDED));
    SourceWorker w = worker(t -> {
      if (passes.size() == 1) {
        throw new IllegalStateException("boom");
      }
      return script.remove(0);
    });
    w.request("poll");
    awaitIdle(w);
    assertEquals(1, scheduler.scheduled().size());
    assertEquals(MIN.toMillis(), scheduler.last().delayMillis);
    scheduler.last().fire();
    awaitIdle(w);
    assertEquals(List.of("poll", "retry"), passes);
  }

  @Test
  void awaitIdleWaitsForThePassInFlight() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SourceWorker w = worker(firstBlocks(entered, release, SUCCEEDED));
    assertTrue(w.awaitIdle(Duration.ZERO), "an idle worker is idle at once");
    w.request("start");
    Waits.await("the first pass", entered);
    assertFalse(w.awaitIdle(Duration.ZERO), "busy while the pass runs");
    assertFalse(w.awaitIdle(Duration.ofMillis(1)));

    CountDownLatch waiting = new CountDownLatch(1);
    List<Boolean> answer = new CopyOnWriteArrayList<>();
    Thread waiter = new Thread(() -> {
      waiting.countDown();
      try {
        answer.add(w.awaitIdle(Waits.DEADLINE));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.start();
    Waits.await("the waiter", waiting);
    release.countDown();
    waiter.join(Waits.DEADLINE.toMillis());
    assertEquals(List.of(true), answer);
    assertFalse(w.busy());
  }
}
