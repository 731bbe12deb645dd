package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.notify.Notifier;
import dev.roster.serve.notify.NotifySettings;
import dev.roster.serve.notify.NotifyTarget;
import dev.roster.serve.notify.Pass;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier's queue is bounded and its sends rate-limited, and observing never waits for the
 * receiver: with one request a minute and room for two, five failures in a row send the first,
 * queue the next two and drop the two oldest after them with a warning each, at once, and leave
 * exactly two queued at shutdown.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class NotifyQueueTest {
  static void fail(Notifier notifier, int i) {
    notifier.observe(new Pass("demo", "main@sha1:" + "a".repeat(40), Pass.Result.FAILED,
        "Reason" + i, "failure " + i, null, Instant.now()));
  }

  @Test
  void aFullQueueDropsTheOldestAndTheRateLimitHoldsTheRest() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (NotifyReceiver receiver = new NotifyReceiver()) {
      NotifySettings settings = new NotifySettings(List.of(new NotifyTarget(
          NotifyTarget.Type.WEBHOOK, URI.create(receiver.url("/hook")), null, null, null)),
          2, 1, 3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(10));
      Notifier notifier = new Notifier(settings, (source, message) -> warnings.add(message));
      fail(notifier, 1); // takes the one token
      receiver.await("the first failure", "/hook", r -> r.body().contains("failure 1"));
      for (int i = 2; i <= 5; i++) { // a new reason each time: each is told
        fail(notifier, i);
      }
      assertEquals(List.of("dropped reconcile-failed of demo", "dropped reconcile-failed of demo"),
          warnings.stream().map(w -> w.substring(w.indexOf("dropped"))).toList(),
          "the oldest two waiting, at once: " + warnings);
      notifier.close();
      assertEquals(1, receiver.all().size(), "one token a minute: " + receiver.all());
      assertTrue(warnings.contains("notify webhook http://127.0.0.1:"
          + URI.create(receiver.url("/")).getPort() + ": 2 request(s) not sent at shutdown"),
          warnings.toString());
      assertTrue(warnings.get(0).startsWith("notify webhook http://127.0.0.1:"), warnings.get(0));
      assertTrue(warnings.stream().noneMatch(w -> w.contains("/hook")), "no URL path logged");
    }
  }
}
