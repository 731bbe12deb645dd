package dev.roster.bench;

import dev.roster.devcluster.EmbeddedCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded API server for a benchmark: in this JVM, or in a child JVM ({@code roster
 * dev-cluster}) so that this JVM's memory is serve mode's alone, or one already running.
 */
final class ClusterProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");

  private final EmbeddedCluster inProcess;
  private final Process child;
  private final String url;

  private ClusterProcess(EmbeddedCluster inProcess, Process child, String url) {
    this.inProcess = inProcess;
    this.child = child;
    this.url = url;
  }

  /** An embedded cluster in this JVM. */
  static ClusterProcess inProcess() {
    EmbeddedCluster c = EmbeddedCluster.start();
    return new ClusterProcess(c, null, c.url());
  }

  /** An API server already running at {@code url}, left running on close. */
  static ClusterProcess at(String url) {
    return new ClusterProcess(null, null, url);
  }

  /** An embedded cluster in a child JVM on this JVM's class path; {@code xmx} e.g. "2g". */
  static ClusterProcess child(Path kubeconfig, String xmx) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx" + xmx,
        "-cp", System.getProperty("java.class.path"), "dev.roster.cli.Main", "dev-cluster",
        "--write-kubeconfig", kubeconfig.toString()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(r), "dev-cluster-out");
        drain.setDaemon(true);
        drain.start();
        return new ClusterProcess(null, p, m.group(1));
      }
    }
    p.destroyForcibly();
    throw new IOException("roster dev-cluster exited before it was ready");
  }

  String url() {
    return url;
  }

  /** Resident memory of the child JVM in bytes, or -1 in process / when unknown. */
  long childRss() {
    return child == null ? -1 : Rss.of(child.pid());
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // discard
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (inProcess != null) {
      inProcess.close();
    }
    if (child != null) {
      child.destroy();
      if (!child.waitFor(15, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }
}
