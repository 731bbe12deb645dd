package dev.roster.cli;

import dev.roster.bench.RepoGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code roster bench validate|apply|serve}: the figures README reports. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks on generated repos (results go to README.md).",
    subcommands = {BenchValidate.class, BenchCommand.Apply.class,
        BenchServe.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = "Cold apply of N generated objects to the embedded API server, as a ratio to"
          + " creating them directly; then the time and requests of a no-op plan; then kubectl"
          + " apply of the same repo, cold and no-op, when kubectl is on PATH.")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--objects", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}.")
    int objects;

    @Option(names = "--concurrency", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--no-kubectl",
        description = "Skip the anchor: kubectl apply of the same repo (run when kubectl is on"
            + " PATH).")
    boolean noKubectl;

    @Override
    public Integer call() throws Exception {
      Path repo = Files.createTempDirectory("roster-bench");
      try {
        RepoGenerator.write(repo, objects);
        var r = dev.roster.bench.ApplyBenchmark.run(repo, concurrency);
        var out = spec.commandLine().getOut();
        out.printf("apply: %d objects, concurrency %d: floor (direct creates) %.0f ms,"
                + " roster apply %.0f ms => ratio %.2f (%d failures)%n",
            r.objects(), concurrency, r.floorMillis(), r.applyMillis(), r.ratio(),
            r.applyFailures());
        out.printf("no-op plan: %.0f ms, %d API requests (%d lists, %d writes)%n",
            r.noopPlanMillis(), r.noopRequests(), r.noopLists(), r.noopWrites());
        var kubectl = dev.roster.bench.KubectlAnchor.find();
        if (kubectl.isPresent() && !noKubectl) {
          var k = dev.roster.bench.KubectlAnchor.run(kubectl.get(), repo);
          out.printf("kubectl apply -R -f (same repo, fresh embedded API server, process start"
                  + " included): cold %.0f ms (roster apply x%.2f), no-op %.0f ms (roster no-op"
                  + " plan x%.2f)%n", k.coldMillis(), r.applyMillis() / k.coldMillis(),
              k.noopMillis(), r.noopPlanMillis() / k.noopMillis());
        } else {
          out.println("kubectl apply: skipped (" + (noKubectl ? "--no-kubectl" : "no kubectl on"
              + " PATH") + ")");
        }
        return r.applyFailures() == 0 ? ExitCode.OK : ExitCode.APPLY_FAILED;
      } finally {
        try (var s = Files.walk(repo)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
