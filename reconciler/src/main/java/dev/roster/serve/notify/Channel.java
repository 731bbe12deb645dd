package dev.roster.serve.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Deliveries to one target: a bounded queue, one sender thread, a token bucket and retries with
 * backoff; see the package contract. {@link #offer} never blocks.
 */
final class Channel implements AutoCloseable {
  private static final int REMEMBERED = 1000;

  /** A queued request and how often it was tried. */
  private static final class Item {
    final Payloads.Request request;
    final String source;
    int tries;

    Item(Payloads.Request request, String source) {
      this.request = request;
      this.source = source;
    }
  }

  private final NotifyTarget target;
  private final NotifySettings settings;
  private final HttpClient http;
  private final BiConsumer<String, String> warn;
  private final BiConsumer<String, String> counted; // type, result
  private final ScheduledThreadPoolExecutor sender;
  private final Deque<Item> queue = new ArrayDeque<>(); // guarded by this
  private final Map<String, String> told = lru(); // notice key or source|sha -> state
  private boolean pumping; // a pump is scheduled or running; guarded by this
  private boolean closed; // guarded by this
  private Item sending; // the head while it is being tried; guarded by this
  private double tokens;
  private long refilledAt = System.nanoTime();

  Channel(NotifyTarget target, NotifySettings settings, HttpClient http,
      BiConsumer<String, String> warn, BiConsumer<String, String> counted) {
    this.counted = counted;
    this.target = target;
    this.settings = settings;
    this.http = http;
    this.warn = warn;
    this.tokens = settings.perMinute();
    this.sender = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "roster-notify-" + target.type().label());
      t.setDaemon(true);
      return t;
    });
    sender.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close: no waiting pumps
  }

  /** Queues what {@code seen} holds for this target. */
  synchronized void offer(Tracker.Seen seen) {
    if (closed) {
      return;
    }
    for (Notice n : seen.notices()) {
      if (target.wants(n) && (n.object() == null || told.put(n.key(), "") == null)) {
        enqueue(new Item(Payloads.notice(target, n), n.source()));
      }
    }
    CommitState s = seen.state();
    if (s != null && target.type().commitStatus()
        && !s.state().name().equals(told.put(s.source() + "|" + s.sha(), s.state().name()))) {
      enqueue(new Item(Payloads.status(target, s), s.source()));
    }
  }

  private void enqueue(Item item) {
    queue.addLast(item);
    if (queue.size() - (sending == null ? 0 : 1) > settings.queue()) { // waiting ones only
      Item dropped = queue.pollFirst();
      if (dropped == sending) { // the one being tried stays; the oldest waiting one goes
        dropped = queue.pollFirst();
        queue.addFirst(sending);
      }
      warn.accept(dropped.source, "notify " + target + ": queue full, dropped " + dropped.request);
      counted.accept(target.type().label(), "dropped");
    }
    if (!pumping) {
      pumping = true;
      later(0);
    }
  }

  /** Sends the head of the queue, then schedules the next try or the next item. */
  private void pump() {
    Item item;
    long wait;
    synchronized (this) {
      item = queue.peekFirst();
      if (item == null) {
        pumping = false;
        return;
      }
      wait = takeToken();
      if (wait == 0) {
        sending = item;
      }
    }
    if (wait > 0) {
      later(wait);
      return;
    }
    item.tries++;
    String failure = send(item.request);
    long next = 0;
    synchronized (this) {
      sending = null;
      boolean retry = failure != null && failure.startsWith("retry:");
      if (retry && item.tries < settings.attempts()) {
        next = backoff(item.tries).toNanos();
      } else {
        queue.remove(item);
        counted.accept(target.type().label(), failure == null ? "delivered" : "failed");
        if (failure != null) {
          warn.accept(item.source, "notify " + target + ": " + item.request + " not delivered"
              + " after " + item.tries + " tr" + (item.tries == 1 ? "y" : "ies") + ": "
              + failure.substring(failure.indexOf(':') + 1).strip());
        }
      }
    }
    later(next);
  }

  /** Pumps again in {@code nanos}; nothing once closing. */
  private void later(long nanos) {
    try {
      sender.schedule(this::pump, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing: what is left is counted by close
    }
  }

  /** Null when delivered; else {@code retry: why} or {@code drop: why}. Never names a secret. */
  private String send(Payloads.Request r) {
    HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(settings.timeout())
        .header("Content-Type", "application/json").header("User-Agent", "roster")
        .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
    r.headers().forEach(b::header);
    try {
      int code = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (code >= 200 && code < 300) {
        return null;
      }
      return (code == 429 || code >= 500 ? "retry: " : "drop: ") + "answered " + code;
    } catch (IOException e) {
      return "retry: " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "drop: shutting down";
    } catch (RuntimeException e) { // a request the client refuses: trying again cannot help
      return "drop: " + e.getClass().getSimpleName();
    }
  }

  /** 0 when a token was taken, else nanoseconds until one is there. */
  private synchronized long takeToken() {
    long now = System.nanoTime();
    double perNano = settings.perMinute() / 60e9;
    tokens = Math.min(settings.perMinute(), tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perNano);
  }

  private Duration backoff(int tries) {
    Duration d = settings.retryMin().multipliedBy(1L << Math.min(20, tries - 1));
    return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
  }

  private static Map<String, String> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > REMEMBERED;
      }
    };
  }

  /**
   * Stops: waiting requests are dropped (counted in a warning); a request being sent gets up to
   * the timeout to finish.
   */
  @Override
  public void close() {
    int left;
    synchronized (this) {
      closed = true;
      left = queue.size() - (sending == null ? 0 : 1);
      queue.removeIf(i -> i != sending);
    }
    sender.shutdown();
    try {
      if (!sender.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (int i = 0; i < left; i++) {
      counted.accept(target.type().label(), "dropped");
    }
    if (left > 0) {
      warn.accept("", "notify " + target + ": " + left + " request(s) not sent at shutdown");
    }
  }
}
