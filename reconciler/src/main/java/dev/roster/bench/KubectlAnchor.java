package dev.roster.bench;

import dev.roster.devcluster.EmbeddedCluster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The anchor for {@code bench apply}: {@code kubectl apply -R -f} of the same generated repo
 * (its files are plain manifests) on a fresh embedded API server in this JVM, cold and then
 * again with nothing to change. kubectl's times include its process start, as a user's would.
 */
public final class KubectlAnchor {
  /** Wall-clock milliseconds of the cold and the no-op {@code kubectl apply}. */
  public record Result(double coldMillis, double noopMillis) {}

  private KubectlAnchor() {}

  /** The first executable {@code kubectl} on {@code PATH}, if any. */
  public static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Applies {@code repo} twice with {@code kubectl} to a new embedded cluster.
   *
   * @throws IOException if kubectl fails (its last lines of stderr in the message)
   */
  public static Result run(Path kubectl, Path repo) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("roster-bench-kubectl");
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
      double cold = apply(kubectl, kubeconfig, repo, work);
      double noop = apply(kubectl, kubeconfig, repo, work);
      return new Result(cold, noop);
    } finally {
      ServeBenchmark.delete(work);
    }
  }

  private static double apply(Path kubectl, Path kubeconfig, Path repo, Path work)
      throws IOException, InterruptedException {
    Path err = work.resolve("stderr");
    ProcessBuilder pb = new ProcessBuilder(List.of(kubectl.toString(), "--kubeconfig",
        kubeconfig.toString(), "apply", "-R", "-f", repo.toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    int code = p.waitFor();
    double ms = (System.nanoTime() - t0) / 1e6;
    if (code != 0) {
      List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
      throw new IOException("kubectl apply exited " + code + ": "
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }
    return ms;
  }
}
