package dev.roster.serve.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids seen most recently, so a repeated delivery is acknowledged without being
 * queued twice. Bounded: at most {@code capacity} keys, the oldest forgotten first. A key is
 * reserved before the delivery is acted on and released again if it was not accepted (429, 503),
 * so a redelivery of a refused request is handled, and two copies arriving at once are handled
 * once. Thread-safe.
 */
final class RecentDeliveries {
  private final int capacity;
  private final Map<String, Boolean> keys;

  RecentDeliveries(int capacity) {
    this.capacity = capacity;
    this.keys = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > RecentDeliveries.this.capacity;
      }
    };
  }

  /** True if {@code key} was not seen (it is now); false if it is a repeat. Null keys (no
   * id sent) and a capacity of 0 are never repeats. */
  synchronized boolean reserve(String key) {
    if (key == null || capacity == 0) {
      return true;
    }
    return keys.putIfAbsent(key, Boolean.TRUE) == null;
  }

  /** Forgets {@code key}, reserved by a delivery that was refused. */
  synchronized void release(String key) {
    if (key != null) {
      keys.remove(key);
    }
  }

  synchronized int size() {
    return keys.size();
  }
}
