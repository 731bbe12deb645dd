package dev.roster.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link ValidateBenchmark} in a fresh JVM per repo, so that one size's heap, JIT and peak RSS do
 * not leak into the next, with the JVM flags {@code roster validate} runs with: the child's own
 * peak RSS is then the validating JVM's. {@link #main} is the child's side.
 */
public final class ValidateProcess {
  /** The JVM flags of the launcher, {@code ROSTER_JVM_OPTS} in {@code src/dist/bin/roster}. */
  public static final String LAUNCHER_FLAGS =
      "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Dio.netty.allocator.maxOrder=7"
          + " -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40";

  private static final String TAG = "roster-bench-validate:";

  /**
   * One size measured in a child JVM.
   *
   * @param processMillis wall time of the child JVM, start to exit
   */
  public record Result(ValidateBenchmark.Result rounds, double processMillis) {}

  private ValidateProcess() {}

  /**
   * Runs {@code rounds} rounds on {@code repo} in a child JVM on this JVM's class path, started
   * with {@code jvmFlags} (split at spaces; empty: the JVM's defaults).
   */
  public static Result run(Path repo, int rounds, String jvmFlags)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    Arrays.stream(jvmFlags.trim().split("\\s+")).filter(f -> !f.isEmpty()).forEach(cmd::add);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ValidateProcess.class.getName(), repo.toString(), Integer.toString(rounds)));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String result = null;
    StringBuilder other = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(TAG)) {
          result = line.substring(TAG.length()).trim();
        } else {
          other.append(line).append('\n');
        }
      }
    }
    int exit = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e6;
    if (exit != 0 || result == null) {
      throw new IOException("the validating JVM exited with " + exit + ": " + other);
    }
    return new Result(parse(result), wall);
  }

  /** The child: {@code <repo> <rounds>}; prints one tagged line of results. */
  public static void main(String[] args) {
    ValidateBenchmark.Result r =
        ValidateBenchmark.run(Path.of(args[0]), Integer.parseInt(args[1]));
    System.out.println(TAG + " " + r.documents() + " " + r.errors() + " " + join(r.rounds())
        + " " + join(r.cpuRounds()) + " " + r.peakAfterFirstBytes() + " " + r.peakBytes() + " "
        + r.retainedBytes());
  }

  private static String join(double[] values) {
    StringBuilder out = new StringBuilder();
    for (double d : values) {
      out.append(out.length() == 0 ? "" : ",").append(d);
    }
    return out.toString();
  }

  private static double[] split(String values) {
    return Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  static ValidateBenchmark.Result parse(String line) {
    String[] f = line.split(" ");
    return new ValidateBenchmark.Result(Integer.parseInt(f[0]), Long.parseLong(f[1]),
        split(f[2]), split(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
        Long.parseLong(f[6]));
  }
}
