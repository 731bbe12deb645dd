package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl against the embedded cluster; skipped where kubectl is not installed. */
class KubectlTest {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @Test
  void kubectlReadsAndWrites(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(KUBECTL));
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
      cluster.client().configMaps().inNamespace("team-a").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("settings").endMetadata().build()).create();

      String cms = kubectl(dir, kubeconfig, null, "get", "configmaps", "-A");
      assertTrue(cms.contains("team-a") && cms.contains("settings"), cms);

      String resources = kubectl(dir, kubeconfig, null, "api-resources");
      assertTrue(resources.contains("komputermemories"), resources);
      assertTrue(resources.matches("(?s).*agents\\s+ag\\s+kubeopencode.io/v1alpha1\\s+true\\s+"
          + "Agent.*"), resources);

      String agent = String.join("\n", "apiVersion: kubeopencode.io/v1alpha1", "kind: Agent",
          "metadata: {name: coder, namespace: team-a}", "spec: {workspaceDir: /w}", "");
      String applied = kubectl(dir, kubeconfig, agent, "apply", "--server-side", "-f", "-");
      assertTrue(applied.contains("agent.kubeopencode.io/coder serverside-applied"), applied);
      assertEquals("/w", cluster.client().genericKubernetesResources(
          "kubeopencode.io/v1alpha1", "Agent").inNamespace("team-a").withName("coder").get()
          .get("spec", "workspaceDir"));
    }
  }

  static String kubectl(Path dir, Path kubeconfig, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
        kubeconfig.toString(), "--request-timeout=20s"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("kubectl.out").toFile());
    pb.environment().put("HOME", dir.toString()); // no cache or config from the real home
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl did not finish");
    String out = Files.readString(dir.resolve("kubectl.out"));
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + out);
    return out;
  }
}
