package dev.roster.bench;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationReport;
import dev.roster.validate.Validator;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Validates a repo several times in one JVM (load + validate, as {@code roster validate} does)
 * and reports each round; the first round is the cold one (class loading, JIT), the others warm.
 */
public final class ValidateBenchmark {
  /**
   * Outcome of the run in this JVM.
   *
   * @param rounds wall time of each round in ms, in order (the first is cold)
   * @param cpuRounds CPU time of this JVM (every thread, GC included) in each round, in ms; on a
   *     shared machine steadier than wall time
   * @param peakAfterFirstBytes VmHWM after the first round: what one {@code roster validate}
   *     needs, -1 when unknown
   * @param peakBytes VmHWM after every round, -1 when unknown
   * @param retainedBytes heap that one round's loaded repo and report hold (heap in use after a
   *     full GC while they are held, less the same before the round): what validating keeps for
   *     the whole repo at once
   */
  public record Result(int documents, long errors, double[] rounds, double[] cpuRounds,
      long peakAfterFirstBytes, long peakBytes, long retainedBytes) {
    /** The warm rounds sorted (all rounds when there is only one). */
    double[] warm() {
      double[] w = Arrays.copyOfRange(rounds, Math.min(1, rounds.length - 1), rounds.length);
      Arrays.sort(w);
      return w;
    }

    public double bestMillis() {
      return warm()[0];
    }

    public double medianMillis() {
      double[] w = warm();
      return w[w.length / 2];
    }

    /** Median CPU time of the warm rounds. */
    public double medianCpuMillis() {
      double[] w = Arrays.copyOfRange(cpuRounds, Math.min(1, cpuRounds.length - 1),
          cpuRounds.length);
      Arrays.sort(w);
      return w[w.length / 2];
    }

    public double documentsPerSecond() {
      return documents / (medianMillis() / 1000.0);
    }

    public double bestDocumentsPerSecond() {
      return documents / (bestMillis() / 1000.0);
    }
  }

  private ValidateBenchmark() {}

  /**
   * {@code rounds} timed rounds with one loader and one validator (schemas compiled once, as in
   * serve), then one untimed round to measure what a round retains.
   */
  public static Result run(Path repo, int rounds) {
    ManifestLoader loader = new ManifestLoader(LoadOptions.defaults());
    Validator validator = new Validator(SchemaCatalog.bundled(), false);
    double[] ms = new double[rounds];
    double[] cpu = new double[rounds];
    long peakAfterFirst = -1;
    for (int i = 0; i < rounds; i++) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      validator.validate(loader.load(repo));
      ms[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (cpuNanos() - c0) / 1e6;
      if (i == 0) {
        peakAfterFirst = Rss.peakSelf();
      }
    }
    long peak = Rss.peakSelf();
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    LoadResult loaded = loader.load(repo);
    ValidationReport held = validator.validate(loaded);
    System.gc();
    long retained = rt.totalMemory() - rt.freeMemory() - before;
    java.lang.ref.Reference.reachabilityFence(loaded);
    return new Result(held.objects(), held.errors(), ms, cpu, peakAfterFirst, peak,
        retained);
  }

  /** CPU time of this JVM so far, every thread; -1 when the JVM does not say. */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }
}
