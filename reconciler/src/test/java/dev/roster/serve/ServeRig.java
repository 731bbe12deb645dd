package dev.roster.serve;

import ch.qos.logback.classic.Level;
import dev.roster.apply.ApplyOptions;
import dev.roster.cli.LogFormat;
import dev.roster.cli.Logging;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.serve.metrics.Metrics;
import dev.roster.source.GitHttpServer;
import dev.roster.source.SourceSpec;
import dev.roster.status.Conditions;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusStore;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything an end-to-end serve test needs: a config repo served over smart HTTP by {@link
 * GitHttpServer}, the embedded cluster, supervisors built directly, and HTTP calls to their
 * listener. Closes everything it started, supervisors first.
 */
final class ServeRig implements AutoCloseable {
  static final String SOURCE = "config";
  static final String SYSTEM = "roster-system";
  static final String APPS = "apps";
  static final byte[] SECRET = "It's dangerous to go alone! Take this."
      .getBytes(StandardCharsets.UTF_8);
  static final byte[] WRONG = "not the secret".getBytes(StandardCharsets.UTF_8);
  /** An interval that never elapses in a test: polls happen only through {@link Poller#tick}. */
  static final Duration NEVER = Duration.ofHours(1);

  final Path tmp;
  final ConfigRepo repo;
  final GitHttpServer git;
  final EmbeddedCluster cluster;
  final StringWriter log = new StringWriter();
  /** Serve's log, in text lines, into {@link #log}: every supervisor of the rig shares it. */
  private final ServeLog serveLog = new ServeLog(
      Logging.toWriter(new PrintWriter(log, true), LogFormat.text, Level.INFO));
  private final List<Supervisor> supervisors = Collections.synchronizedList(new ArrayList<>());
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();

  /** An HTTP answer. */
  record Answer(int status, String body) {}

  ServeRig(Path tmp) throws Exception {
    this.tmp = tmp;
    this.repo = new ConfigRepo(tmp.resolve("repos/config"));
    this.git = GitHttpServer.start(tmp.resolve("repos"));
    this.cluster = EmbeddedCluster.start();
  }

  /** Writes a Namespace {@code apps} and ConfigMaps {@code names} (value {@code v1}); commits. */
  String seed(String... names) throws Exception {
    repo.write("namespaces/apps.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + APPS + "\n");
    for (String n : names) {
      repo.write("apps/" + n + ".yaml", ConfigRepo.configMap(n, "v1"));
    }
    return repo.commit("seed");
  }

  String url() {
    return git.url("config");
  }

  /** The source, polled every {@code interval}, mirrored under {@code cache}. */
  SourceConfig source(Duration interval, String cache) {
    return SourceConfig.builder(SOURCE,
            new SourceSpec(url(), "main", null, tmp.resolve(cache)))
        .interval(interval).namespace(APPS).webhookSecret(SECRET.clone()).build();
  }

  SourceConfig source(Duration interval) {
    return source(interval, "cache");
  }

  static ServeSettings settings(SourceConfig source, ApplyOptions apply, boolean elect,
      String identity, Duration lease) {
    return ServeSettings.builder(List.of(source)).leaderElect(elect).identity(identity)
        .systemNamespace(SYSTEM).apply(apply).leaseDuration(lease).build();
  }

  static ServeSettings settings(SourceConfig source) {
    return settings(source, ApplyOptions.defaults(), false, "test", Duration.ofSeconds(15));
  }

  /** A supervisor on the embedded cluster's own client. */
  Supervisor serve(ServeSettings s, Metrics metrics) {
    return serve(cluster.client(), s, metrics);
  }

  Supervisor serve(KubernetesClient client, ServeSettings s, Metrics metrics) {
    Supervisor sup = new Supervisor(client, SchemaCatalog.bundled(), s, metrics,
        serveLog);
    supervisors.add(sup);
    return sup;
  }

  /** A client of its own, closed with the rig. */
  KubernetesClient client(KubernetesClient c) {
    clients.add(c);
    return c;
  }

  StatusStore store() {
    return new StatusStore(cluster.client(), SYSTEM);
  }

  Optional<SourceStatus> status() {
    return store().read(SOURCE);
  }

  /** Waits until the stored status satisfies {@code ok}. */
  SourceStatus awaitStatus(String what, Predicate<SourceStatus> ok) {
    return Waits.until(what, () -> status().orElse(null), s -> s != null && ok.test(s));
  }

  /** Waits until {@code commit} is applied and the source is ready. */
  SourceStatus awaitApplied(String commit) {
    String rev = ConfigRepo.revision(commit);
    return awaitStatus("revision " + rev + " applied", s -> rev.equals(s.lastAppliedRevision())
        && Conditions.isTrue(s.conditions(), Conditions.READY));
  }

  static int history(SourceStatus s) {
    return s.history().size();
  }

  /** The data value of every ConfigMap in {@code apps}, by name. */
  Map<String, String> live() {
    Map<String, String> out = new TreeMap<>();
    for (ConfigMap cm : cluster.client().configMaps().inNamespace(APPS).list().getItems()) {
      out.put(cm.getMetadata().getName(),
          cm.getData() == null ? null : cm.getData().get("value"));
    }
    return out;
  }

  Answer get(Supervisor s, String path) {
    return send(HttpRequest.newBuilder(uri(s, path)).GET());
  }

  Answer post(Supervisor s, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    return send(b);
  }

  /** A signed push of {@code p} to {@code /hooks/config}. */
  Answer push(Supervisor s, Pushes p, String delivery, byte[] secret) {
    byte[] body = p.body(url());
    return post(s, "/hooks/" + SOURCE, p.headers(delivery, body, secret), body);
  }

  /** The metrics text of {@code s}. */
  String metrics(Supervisor s) {
    Answer a = get(s, "/metrics");
    if (a.status() != 200) {
      throw new IllegalStateException("/metrics answered " + a);
    }
    return a.body();
  }

  /** The value of the series {@code series} (name with labels as exposed), or 0 when absent. */
  static double sample(String metrics, String series) {
    return metrics.lines().filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .findFirst().orElse(0);
  }

  /** The sum over every series of family {@code name} whose labels contain {@code labels}. */
  static double sum(String metrics, String name, String labels) {
    return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** {@code /hooks...} on the webhook listener; anything else on the admin listener. */
  private static URI uri(Supervisor s, String path) {
    int port = path.startsWith("/hooks") ? s.address().getPort() : s.metricsAddress().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    List<Supervisor> all;
    synchronized (supervisors) {
      all = new ArrayList<>(supervisors);
    }
    for (Supervisor s : all) {
      s.close(Duration.ofSeconds(10));
    }
    clients.forEach(KubernetesClient::close);
    git.close();
    cluster.close();
    repo.close();
  }
}
