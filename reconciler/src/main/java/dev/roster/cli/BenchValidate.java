package dev.roster.cli;

import dev.roster.bench.RepoGenerator;
import dev.roster.bench.ServeBenchmark;
import dev.roster.bench.ValidateBenchmark;
import dev.roster.bench.ValidateProcess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roster bench validate}: documents per second and memory of load + validate. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Generate a repo of N documents and time load + validate, each size in a"
        + " fresh JVM started with the launcher's flags (unless --in-process): the rounds'"
        + " median and best (the first, cold round excluded), that JVM's peak RSS after one round"
        + " (what one roster validate needs) and at the end, and the heap one round's repo holds."
        + " Several sizes end with a table and the growth from each size to the next."})
final class BenchValidate implements Callable<Integer> {
  private static final double MIB = 1024.0 * 1024.0;

  @Spec CommandSpec spec;

  @Option(names = "--documents", defaultValue = "10000", split = ",", paramLabel = "N",
      description = "Documents in the generated repo; several sizes (e.g. 1000,10000,30000) run"
          + " one after another. Default: ${DEFAULT-VALUE}.")
  List<Integer> documents;

  @Option(names = "--rounds", defaultValue = "7", description = "Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--jvm-flags", paramLabel = "FLAGS",
      defaultValue = ValidateProcess.LAUNCHER_FLAGS,
      description = "Flags of each size's JVM (\"\": the JVM's defaults). Default: the"
          + " launcher's, ${DEFAULT-VALUE}.")
  String jvmFlags;

  @Option(names = "--in-process",
      description = "Run every size in this JVM instead (its flags, one heap for all sizes).")
  boolean inProcess;

  @Option(names = "--keep", paramLabel = "DIR",
      description = "Write the repos here (DIR/N for each size N) and keep them.")
  Path keep;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = keep != null ? Files.createDirectories(keep)
        : Files.createTempDirectory("roster-bench");
    List<ValidateProcess.Result> results = new ArrayList<>();
    long errors = 0;
    try {
      for (int n : documents) {
        Path repo = work.resolve(String.valueOf(n));
        RepoGenerator.write(Files.createDirectories(repo), n);
        ValidateProcess.Result r = inProcess
            ? new ValidateProcess.Result(ValidateBenchmark.run(repo, Math.max(2, rounds)), -1)
            : ValidateProcess.run(repo, Math.max(2, rounds), jvmFlags);
        print(out, r);
        results.add(r);
        errors += r.rounds().errors();
        if (keep == null) {
          ServeBenchmark.delete(repo);
        }
      }
      if (results.size() > 1) {
        table(out, results);
      }
      return errors == 0 ? ExitCode.OK : ExitCode.INVALID;
    } finally {
      if (keep == null) {
        ServeBenchmark.delete(work);
      }
    }
  }

  private void print(PrintWriter out, ValidateProcess.Result p) {
    ValidateBenchmark.Result r = p.rounds();
    out.printf("validate: %,d documents, %d errors; median %.0f ms, best %.0f ms (first round"
            + " excluded) => %,.0f documents/s (best %,.0f/s) on %d cores%n", r.documents(),
        r.errors(), r.medianMillis(), r.bestMillis(), r.documentsPerSecond(),
        r.bestDocumentsPerSecond(), Runtime.getRuntime().availableProcessors());
    out.printf("  CPU per warm round (median, every thread, GC included) %.0f ms => %,.0f documents"
        + " per CPU-second%n", r.medianCpuMillis(), r.documents() / (r.medianCpuMillis() / 1000));
    out.printf("  first round %.0f ms; %s; peak RSS after one round %.0f MiB, after %d %.0f MiB;"
            + " heap one round holds %.1f MiB (%.2f KiB per document)%n", r.rounds()[0],
        inProcess ? "in this JVM" : String.format("fresh JVM [%s] %.1f s start to exit",
            jvmFlags.isBlank() ? "JVM defaults" : jvmFlags, p.processMillis() / 1000),
        r.peakAfterFirstBytes() / MIB, r.rounds().length, r.peakBytes() / MIB,
        r.retainedBytes() / MIB, r.retainedBytes() / 1024.0 / r.documents());
    out.flush();
  }

  /** One row per size, and how each grows over the size before it. */
  private void table(PrintWriter out, List<ValidateProcess.Result> rs) {
    out.println();
    out.println("| documents | documents/s median (best) | median round (x previous) | CPU per"
        + " round (x previous) | peak RSS, one round (x previous) | peak RSS, all rounds | heap"
        + " held per document |");
    out.println("|---|---|---|---|---|---|---|");
    ValidateBenchmark.Result prev = null;
    for (ValidateProcess.Result p : rs) {
      ValidateBenchmark.Result r = p.rounds();
      out.printf("| %,d | %,.0f (%,.0f) | %.0f ms%s | %.0f ms%s | %.0f MiB%s | %.0f MiB |"
          + " %.2f KiB |%n",
          r.documents(), r.documentsPerSecond(), r.bestDocumentsPerSecond(), r.medianMillis(),
          prev == null ? "" : String.format(" (x%.2f for x%.2f documents)",
              r.medianMillis() / prev.medianMillis(), (double) r.documents() / prev.documents()),
          r.medianCpuMillis(), prev == null ? "" : String.format(" (x%.2f)",
              r.medianCpuMillis() / prev.medianCpuMillis()),
          r.peakAfterFirstBytes() / MIB, prev == null ? "" : String.format(" (x%.2f)",
              (double) r.peakAfterFirstBytes() / prev.peakAfterFirstBytes()),
          r.peakBytes() / MIB, r.retainedBytes() / 1024.0 / r.documents());
      prev = r;
    }
    out.println(inProcess ? "(all sizes in this JVM: a later row's RSS includes what earlier"
        + " sizes grew)" : "(each size in a fresh JVM: rows do not share heap, JIT or RSS)");
    out.flush();
  }
}
