package dev.roster.bench;

import dev.roster.kube.KubeClients;
import dev.roster.kube.RequestCounter;
import dev.roster.serve.ServeLog;
import dev.roster.serve.ServeSettings;
import dev.roster.serve.SourceConfig;
import dev.roster.serve.Supervisor;
import dev.roster.serve.metrics.Metrics;
import dev.roster.source.GitCredentials;
import dev.roster.source.GitMirror;
import dev.roster.source.SourceSpec;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code roster bench serve}: serve mode end to end on a generated repo. A bare Git repository
 * served over {@code file://} is the remote; the embedded API server (by default in a child JVM,
 * so this JVM's memory is serve mode's alone) is the cluster. Measures the latency from a signed
 * generic webhook to the changed object being visible live, the cost of a poll interval in which
 * nothing changed (compared with one ls-remote), the cost of a reconcile pass that finds nothing
 * to do, and this JVM's resident memory with the repo applied. With a flood, the same latency is
 * measured again while that many bad-signature deliveries hit the same endpoint.
 */
public final class ServeBenchmark {
  static final String SOURCE = "bench";
  private static final String NAMESPACE = "team-0";
  private static final String KEY = "guide.md";

  /**
   * @param objects objects in the generated repo
   * @param changes measured one-file changes
   * @param warmup unmeasured changes before them (JIT, first-use costs)
   * @param polls no-op polls to time
   * @param clusterInProcess run the API server in this JVM instead of a child JVM
   * @param flood bad-signature deliveries sent around each change of a second round of
   *     measured changes; 0 for no such round
   * @param clusterUrl an API server already running there (a {@code roster dev-cluster} started
   *     outside a memory-limited container, so the limit counts serve alone), or null to start
   *     one
   */
  public record Options(int objects, int changes, int warmup, int polls,
      boolean clusterInProcess, int flood, String clusterUrl) {}

  /**
   * Milliseconds, request counts and bytes.
   *
   * @param latencies webhook to visible live, per measured change, in order
   * @param floodLatencies the same under a flood of bad signatures (empty without one)
   * @param floodStatuses what the flood requests were answered, by HTTP status
   * @param noopPollMillis median time of one poll that found nothing new
   * @param lsRemoteMillis median time of one bare ls-remote of the same remote
   * @param noopPollRequests API requests of all no-op polls together, by verb
   * @param noopPassMillis median duration of a reconcile pass that found nothing to do
   * @param noopPassRequests API requests of one such pass, by verb
   * @param rssBytes this JVM's VmRSS after a full GC, everything applied
   * @param heapUsedBytes the heap in use after that GC: what the objects served hold, plus this
   *     JVM's fixed share (classes' static data, the schema catalog, clients)
   * @param heapCommittedBytes the heap the JVM holds from the OS then, used or not (part of the
   *     RSS: with the serial collector it rarely shrinks once grown)
   * @param clusterRssBytes the child API server's VmRSS, or -1 when in process
   * @param peakRssBytes this JVM's highest VmRSS over the whole run (VmHWM)
   * @param cgroupLimitBytes the memory cgroup's limit (a container's), or -1 when none
   * @param cgroupPeakBytes the most the memory cgroup has used (page cache included), or -1
   */
  public record Result(int objects, double initialApplyMillis, List<Double> latencies,
      List<Double> floodLatencies, Map<Integer, Integer> floodStatuses, double noopPollMillis, double lsRemoteMillis, int polls,
      Map<String, Long> noopPollRequests, double noopPassMillis,
      Map<String, Long> noopPassRequests, long rssBytes, long heapUsedBytes,
      long heapCommittedBytes, long clusterRssBytes, long peakRssBytes, long cgroupLimitBytes, long cgroupPeakBytes) {

    public double p50() {
      return percentile(latencies, 0.50);
    }

    public double p95() {
      return percentile(latencies, 0.95);
    }

    public double floodP50() {
      return percentile(floodLatencies, 0.50);
    }

    public double floodP95() {
      return percentile(floodLatencies, 0.95);
    }

    private static double percentile(List<Double> values, double q) {
      List<Double> s = new ArrayList<>(values);
      s.sort(null);
      return s.isEmpty() ? Double.NaN : s.get((int) Math.ceil(q * s.size()) - 1);
    }
  }

  private ServeBenchmark() {}

  /** Runs the benchmark in {@code work} (an empty directory); {@code progress} gets a line per
   * phase. */
  public static Result run(Options o, Path work, Consumer<String> progress) throws Exception {
    Path files = work.resolve("files");
    int n = RepoGenerator.write(files, o.objects());
    List<ChangeTarget> targets = ChangeTarget.configMaps(files, NAMESPACE, KEY);
    try (BenchRepo origin = BenchRepo.create(work.resolve("origin.git"), files);
        ClusterProcess cluster = o.clusterUrl() != null ? ClusterProcess.at(o.clusterUrl())
            : o.clusterInProcess() ? ClusterProcess.inProcess()
            : ClusterProcess.child(work.resolve("kubeconfig"), "2g")) {
      RequestCounter counter = new RequestCounter();
      byte[] secret = "bench-webhook-secret".getBytes(StandardCharsets.UTF_8);
      SourceSpec spec = new SourceSpec(origin.url(), "main", null, work.resolve("cache"));
      SourceConfig source = SourceConfig.builder(SOURCE, spec)
          .interval(Duration.ofHours(1)).webhookSecret(secret).build();
      ServeSettings settings = ServeSettings.builder(List.of(source)).identity("bench").build();
      try (KubernetesClient client = KubeClients.forUrl(cluster.url(), "default", counter);
          KubernetesClient observer = KubeClients.forUrl(cluster.url(), "default");
          LiveProbe probe = new LiveProbe(observer, NAMESPACE, KEY)) {
        Passes passes = new Passes(observer, "default", SOURCE);
        long t0 = System.nanoTime();
        Supervisor serve = new Supervisor(client, SchemaCatalog.bundled(), settings,
            new Metrics(), ServeLog.discarding());
        try {
          passes.awaitRevision(origin.head(), Duration.ofMinutes(15));
          double initial = (System.nanoTime() - t0) / 1e6;
          progress.accept(String.format("initial apply of %d objects: %.0f ms", n, initial));
          Webhook hook = new Webhook(serve.address(), SOURCE, secret);
          List<Double> latencies = new ArrayList<>();
          for (int i = 0; i < o.warmup() + o.changes(); i++) {
            double ms = change(origin, targets, passes, probe, hook, i, null, 0);
            if (i >= o.warmup()) {
              latencies.add(ms);
            }
          }
          progress.accept(String.format("%d changes measured after %d warm-up changes",
              o.changes(), o.warmup()));
          List<Double> floodLatencies = new ArrayList<>();
          Map<Integer, Integer> floodStatuses = Map.of();
          if (o.flood() > 0) {
            try (Flood flood = new Flood(serve.address(), SOURCE)) {
              int first = o.warmup() + o.changes();
              for (int i = first; i < first + o.changes(); i++) {
                floodLatencies.add(change(origin, targets, passes, probe, hook, i, flood,
                    o.flood()));
              }
              floodStatuses = flood.statuses();
            }
            progress.accept(String.format("%d changes measured, each under a flood of %d"
                + " bad-signature requests", o.changes(), o.flood()));
          }
          NoopCost noop = NoopCost.measure(serve, SOURCE, new GitMirror(GitCredentials.none()),
              spec, counter, passes, hook, o.polls());
          System.gc();
          System.gc();
          Runtime rt = Runtime.getRuntime();
          return new Result(n, initial, latencies, floodLatencies, floodStatuses,
              noop.pollMillis(), noop.lsRemoteMillis(),
              o.polls(), noop.pollRequests(), noop.passMillis(), noop.passRequests(),
              Rss.self(), rt.totalMemory() - rt.freeMemory(), rt.totalMemory(),
              cluster.childRss(),
              Rss.peakSelf(), Rss.cgroupLimitAndPeak()[0], Rss.cgroupLimitAndPeak()[1]);
        } finally {
          serve.close(Duration.ofSeconds(30));
        }
      }
    }
  }

  /**
   * Commits change {@code i}, sends its signed webhook (after a quarter of {@code floodSize}
   * bad-signature requests were answered, when {@code flood} is given) and returns the
   * milliseconds until it is live; waits for the pass and the flood to end.
   */
  private static double change(BenchRepo origin, List<ChangeTarget> targets, Passes passes,
      LiveProbe probe, Webhook hook, int i, Flood flood, int floodSize) throws Exception {
    ChangeTarget t = targets.get(i % targets.size());
    String value = t.value(i);
    origin.change(t.path(), t.contents(i));
    var before = passes.mark();
    Flood.Running running = flood == null ? null : flood.start(floodSize, floodSize / 4);
    long sent = System.nanoTime();
    hook.push("bench-" + i);
    long seen = probe.await(t.name(), value, Duration.ofMinutes(2));
    if (seen < 0) {
      throw new IllegalStateException("change " + i + " never became visible live");
    }
    passes.awaitAfter(before, Duration.ofMinutes(2));
    if (running != null) {
      running.await();
    }
    return (seen - sent) / 1e6;
  }

  /** Deletes {@code dir} and everything in it. */
  public static void delete(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
