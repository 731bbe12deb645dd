package dev.roster.bench;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationReport;
import dev.roster.validate.Validator;
import java.nio.file.Path;

/**
 * Validates a repo several times in one JVM and reports the best and median rounds, so JVM start
 * and the first-round JIT are excluded.
 */
public final class ValidateBenchmark {
  /** Outcome of the run. */
  public record Result(int documents, long errors, double bestMillis, double medianMillis) {
    public double documentsPerSecond() {
      return documents / (medianMillis / 1000.0);
    }
  }

  private ValidateBenchmark() {}

  public static Result run(Path repo, int rounds) {
    ManifestLoader loader = new ManifestLoader(LoadOptions.defaults());
    Validator validator = new Validator(SchemaCatalog.bundled(), false);
    double[] ms = new double[rounds];
    ValidationReport last = null;
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      LoadResult loaded = loader.load(repo);
      last = validator.validate(loaded);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double[] warm = java.util.Arrays.copyOfRange(ms, Math.min(1, rounds - 1), rounds);
    java.util.Arrays.sort(warm);
    return new Result(last.objects(), last.errors(), warm[0], warm[warm.length / 2]);
  }
}
