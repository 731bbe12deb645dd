package dev.roster.cli;

import dev.roster.bench.ServeBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code roster bench serve}: webhook-to-live latency, no-op cost and memory of serve mode. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a generated repo of N objects from a file:// Git remote to the embedded"
        + " API server (in a child JVM unless --cluster-in-process), then measure: latency from a"
        + " signed webhook to the changed object being live (p50, p95), again under a flood of"
        + " bad-signature webhooks (--flood), a no-op poll interval"
        + " against one ls-remote, a no-op reconcile pass, and this JVM's RSS.",
        "Run it as serve runs, e.g. java -Xmx160m -jar roster.jar bench serve."})
final class BenchServe implements Callable<Integer> {
  private static final double MIB = 1024.0 * 1024.0;

  @Spec CommandSpec spec;

  @Option(names = "--objects", defaultValue = "10000", split = ",", paramLabel = "N",
      description = "Objects in the generated repo; several sizes (e.g. 1000,10000,30000) run one"
          + " after another in this JVM and end with a table of all. Default: ${DEFAULT-VALUE}.")
  List<Integer> objects;

  @Option(names = "--changes", defaultValue = "20",
      description = "One-file changes measured. Default: ${DEFAULT-VALUE}.")
  int changes;

  @Option(names = "--warmup", defaultValue = "5",
      description = "Unmeasured changes first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--polls", defaultValue = "20",
      description = "No-op polls timed. Default: ${DEFAULT-VALUE}.")
  int polls;

  @Option(names = "--flood", defaultValue = "2000",
      description = "Measure the changes again, each while this many bad-signature webhooks hit"
          + " the same endpoint (0: skip). Default: ${DEFAULT-VALUE}.")
  int flood;

  @Option(names = "--cluster-in-process",
      description = "Run the API server in this JVM (its memory then counts in the RSS).")
  boolean inProcess;

  @Option(names = "--cluster-url", paramLabel = "URL",
      description = "Use the API server already running at URL (e.g. a roster dev-cluster"
          + " started outside a memory-limited container, so that the limit counts serve alone)"
          + " instead of starting one; give it a fresh one for each run.")
  String clusterUrl;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (clusterUrl != null && objects.size() > 1) {
      throw new ParameterException(spec.commandLine(), "--cluster-url takes one --objects size:"
          + " each size needs a fresh API server");
    }
    Path work = Files.createTempDirectory("roster-bench-serve");
    List<ServeBenchmark.Result> results = new ArrayList<>();
    try {
      for (int n : objects) {
        Path dir = Files.createDirectories(work.resolve(String.valueOf(n)));
        ServeBenchmark.Result r = ServeBenchmark.run(new ServeBenchmark.Options(n,
            Math.max(1, changes), Math.max(0, warmup), Math.max(1, polls), inProcess,
            Math.max(0, flood), clusterUrl), dir, line -> {
              out.println("  " + line);
              out.flush();
            });
        print(out, r);
        results.add(r);
        ServeBenchmark.delete(dir);
      }
      if (results.size() > 1) {
        table(out, results);
      }
      return ExitCode.OK;
    } finally {
      ServeBenchmark.delete(work);
    }
  }

  /**
   * One row per size: webhook to live p50 (and its ratio to the first size's), the no-op pass,
   * heap after GC and its growth per object over the first size, RSS, the initial apply.
   */
  private static void table(PrintWriter out, List<ServeBenchmark.Result> rs) {
    ServeBenchmark.Result first = rs.get(0);
    out.println();
    out.println("| objects | webhook -> live p50 (x first) | p95 | no-op pass | heap after GC |"
        + " heap per object | RSS | initial apply |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (ServeBenchmark.Result r : rs) {
      String perObject = r == first ? String.format("%.1f KiB (heap / objects)",
          r.heapUsedBytes() / 1024.0 / r.objects())
          : String.format("%.2f KiB (growth over %,d)", (r.heapUsedBytes()
              - first.heapUsedBytes()) / 1024.0 / (r.objects() - first.objects()),
              first.objects());
      out.printf("| %,d | %.0f ms (x%.2f) | %.0f ms | %.1f ms | %.0f MiB | %s | %.0f MiB |"
          + " %.1f s |%n", r.objects(), r.p50(), r.p50() / first.p50(), r.p95(),
          r.noopPassMillis(), r.heapUsedBytes() / MIB, perObject, r.rssBytes() / MIB,
          r.initialApplyMillis() / 1000);
    }
    out.println("(sizes run in order in one JVM: RSS rarely shrinks, so a later row's RSS is at"
        + " most that size's own)");
    out.flush();
  }

  private void print(PrintWriter out, ServeBenchmark.Result r) {
    out.println();
    out.printf("serve: %d objects, file:// Git remote, embedded API server %s, %d cores%n",
        r.objects(), clusterUrl != null ? "at " + clusterUrl
        : inProcess ? "in this JVM" : "in a child JVM",
        Runtime.getRuntime().availableProcessors());
    out.printf("webhook -> live, one-file change (%d changes): p50 %.0f ms, p95 %.0f ms"
        + " (min %.0f, max %.0f)%n", r.latencies().size(), r.p50(), r.p95(),
        r.latencies().stream().mapToDouble(d -> d).min().orElse(0),
        r.latencies().stream().mapToDouble(d -> d).max().orElse(0));
    if (!r.floodLatencies().isEmpty()) {
      out.printf("webhook -> live under a flood of %d bad-signature requests (%d changes): p50"
          + " %.0f ms, p95 %.0f ms; p50 ratio flood/quiet x%.2f; flood answered %s%n", flood,
          r.floodLatencies().size(), r.floodP50(), r.floodP95(), r.floodP50() / r.p50(),
          r.floodStatuses());
    }
    out.printf("no-op poll interval: %.1f ms vs one ls-remote %.1f ms (x%.2f); API requests in"
        + " %d polls: %d (%d lists)%n", r.noopPollMillis(), r.lsRemoteMillis(),
        r.noopPollMillis() / r.lsRemoteMillis(), r.polls(), total(r.noopPollRequests()),
        r.noopPollRequests().getOrDefault("list", 0L));
    out.printf("no-op reconcile pass: %.0f ms; API requests: %d (%d lists) %s%n",
        r.noopPassMillis(), total(r.noopPassRequests()),
        r.noopPassRequests().getOrDefault("list", 0L), r.noopPassRequests());
    out.printf("memory: RSS %.0f MiB, peak %.0f MiB (heap used after GC %.1f MiB, committed"
        + " %.0f MiB of max %.0f MiB)%s%n",
        r.rssBytes() / MIB, r.peakRssBytes() / MIB, r.heapUsedBytes() / MIB,
        r.heapCommittedBytes() / MIB, Runtime.getRuntime().maxMemory() / MIB,
        r.clusterRssBytes() < 0 ? "" : String.format("; API server JVM RSS %.0f MiB",
            r.clusterRssBytes() / MIB));
    if (r.cgroupLimitBytes() > 0) {
      out.printf("memory cgroup (the container): limit %.0f MiB, peak usage %.0f MiB (page cache"
          + " included)%n", r.cgroupLimitBytes() / MIB, r.cgroupPeakBytes() / MIB);
    }
    out.printf("initial apply: %.0f ms%n", r.initialApplyMillis());
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
