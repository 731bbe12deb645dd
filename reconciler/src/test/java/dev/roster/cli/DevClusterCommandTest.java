package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.KubeClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DevClusterCommandTest {
  @Test
  void printsReadyServesWhileRunningAndStops(@TempDir Path dir) {
    Path kubeconfig = dir.resolve("dev.kubeconfig");
    List<String> seen = new ArrayList<>();
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new DevClusterCommand(cluster -> {
      try (KubernetesClient c = KubeClients.fromKubeconfig(kubeconfig, null)) {
        c.namespaces().list().getItems().forEach(n -> seen.add(n.getMetadata().getName()));
      }
    }));
    cl.setOut(new PrintWriter(out, true));
    int code = cl.execute("--write-kubeconfig", kubeconfig.toString());
    assertEquals(ExitCode.OK, code, out.toString());
    String[] lines = out.toString().split("\\R");
    assertTrue(lines[0].matches("roster dev-cluster ready at http://127\\.0\\.0\\.1:\\d+ "
        + "\\(kubeconfig: .*dev\\.kubeconfig\\)"), lines[0]);
    assertTrue(lines[1].startsWith("Use it: export KUBECONFIG="), lines[1]);
    assertTrue(lines[1].endsWith("kubectl get agents.kubeopencode.io -A"), lines[1]);
    assertEquals("roster dev-cluster stopped", lines[2]);
    assertTrue(seen.contains("default"), seen::toString);
    assertTrue(Files.isRegularFile(kubeconfig));
  }

  @Test
  void takenPortIsAUsageError(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      StringWriter err = new StringWriter();
      CommandLine cl = new CommandLine(new DevClusterCommand(cluster -> { }));
      cl.setErr(new PrintWriter(err, true));
      cl.setOut(new PrintWriter(new StringWriter(), true));
      int code = cl.execute("--port", String.valueOf(taken.getLocalPort()),
          "--write-kubeconfig", dir.resolve("k").toString());
      assertEquals(ExitCode.USAGE, code);
      assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          err.toString());
    }
  }

  @Test
  void listedInRosterHelp() {
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help");
    assertEquals(ExitCode.OK, code);
    assertTrue(out.toString().contains("dev-cluster"), out.toString());
  }
}
