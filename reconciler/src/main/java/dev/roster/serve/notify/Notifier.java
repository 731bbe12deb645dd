package dev.roster.serve.notify;

import java.net.http.HttpClient;
import java.util.List;
import java.util.function.BiConsumer;

/** Serve's notifications: what passes mean, queued to every target; see the package contract. */
public final class Notifier implements AutoCloseable {
  private final Tracker tracker = new Tracker();
  private final List<Channel> channels;
  private final BiConsumer<String, String> warn;

  /**
   * @param warn logs a warning for a source ({@code ""} for none); never given a secret
   */
  public Notifier(NotifySettings settings, BiConsumer<String, String> warn) {
    this(settings, warn, (type, result) -> { });
  }

  /**
   * As {@link #Notifier(NotifySettings, BiConsumer)}, telling {@code counted} each request's end:
   * target type and {@code delivered}, {@code failed} or {@code dropped}.
   */
  public Notifier(NotifySettings settings, BiConsumer<String, String> warn,
      BiConsumer<String, String> counted) {
    this.warn = warn;
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    this.channels = settings.targets().stream()
        .map(t -> new Channel(t, settings, http, warn, counted)).toList();
  }

  /** Whether any target is configured. */
  public boolean active() {
    return !channels.isEmpty();
  }

  /** Queues what {@code pass} means for every target; never blocks, never throws. */
  public void observe(Pass pass) {
    if (channels.isEmpty()) {
      return;
    }
    try {
      Tracker.Seen seen = tracker.observe(pass);
      channels.forEach(c -> c.offer(seen));
    } catch (RuntimeException e) {
      warn.accept(pass.source(), "notify: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    channels.forEach(Channel::close);
  }
}
