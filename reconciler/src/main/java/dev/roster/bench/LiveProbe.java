package dev.roster.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees ConfigMap values as they change live, through a watch on its own client (so the requests
 * of the client under test are not disturbed): {@link #await} returns when an object shows the
 * value, with the time the event arrived.
 */
final class LiveProbe implements AutoCloseable {
  private final String key;
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
  private final Watch watch;

  /** Watches ConfigMaps in {@code namespace}, tracking {@code data[key]}. */
  LiveProbe(KubernetesClient client, String namespace, String key) {
    this.key = key;
    this.watch = client.configMaps().inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap cm) {
        seen(cm);
      }

      @Override
      public void onClose(WatcherException cause) {
        // the benchmark times out instead
      }
    });
  }

  private void seen(ConfigMap cm) {
    long now = System.nanoTime();
    String v = cm.getData() == null ? null : cm.getData().get(key);
    String name = cm.getMetadata().getName();
    synchronized (this) {
      if (v != null) {
        values.put(name, v);
        seenAt.put(name, now);
      }
      notifyAll();
    }
  }

  /** {@link System#nanoTime} at which {@code name} was seen with {@code value}; -1 on timeout. */
  synchronized long await(String name, String value, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Objects.equals(values.get(name), value)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return -1;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return seenAt.get(name);
  }

  @Override
  public void close() {
    watch.close();
  }
}
