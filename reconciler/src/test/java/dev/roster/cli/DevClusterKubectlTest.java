package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.devcluster.ServerRequests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real kubectl against {@code roster dev-cluster --write-kubeconfig}, with kubectl's own
 * validation on (no {@code --validate=false}): it reads the OpenAPI the dev cluster publishes.
 * Skipped where kubectl is not installed.
 */
class DevClusterKubectlTest {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  static final String AGENT = String.join("\n", "apiVersion: kubeopencode.io/v1alpha1",
      "kind: Agent", "metadata: {name: coder, namespace: default}",
      "spec: {workspaceDir: /w, serviceAccountName: sa, maxConcurrentTasks: 2}", "");

  @Test
  void createEditApplyAndExplainValidateAgainstTheSchemas(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(KUBECTL));
    Path kubeconfig = dir.resolve("roster-dev.kubeconfig");
    List<String> checked = new ArrayList<>();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == DevClusterCommand.class) {
          return cls.cast(new DevClusterCommand(cluster -> {
            try {
              exercise(dir, kubeconfig, cluster, checked);
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(factory, new PrintWriter(out), new PrintWriter(err), "dev-cluster",
        "--write-kubeconfig", kubeconfig.toString());
    assertEquals(ExitCode.OK, code, out + "\n" + err);
    assertEquals(List.of("create", "invalid create", "edit", "invalid edit", "apply",
        "explain"), checked);
  }

  private static void exercise(Path dir, Path kubeconfig, EmbeddedCluster cluster,
      List<String> checked) throws IOException, InterruptedException {
    Result created = kubectl(dir, kubeconfig, AGENT, "create", "-f", "-");
    assertEquals("agent.kubeopencode.io/coder created\n", created.ok());
    checked.add("create");

    Result invalid = kubectl(dir, kubeconfig, AGENT.replace("coder", "bad")
        .replace("workspaceDir", "workspaceDirectory").replace("2}", "two}"), "create", "-f", "-");
    assertNotEquals(0, invalid.code(), invalid.out());
    assertTrue(invalid.out().contains("unknown field \"workspaceDirectory\""), invalid.out());
    assertTrue(invalid.out().contains("Agent.spec.maxConcurrentTasks"), invalid.out());
    assertEquals(null, agentSpec(cluster, "bad", "workspaceDirectory"));
    checked.add("invalid create");

    Result edited = kubectl(dir, kubeconfig, editor(dir, "s/maxConcurrentTasks: 2/"
        + "maxConcurrentTasks: 3/"), "edit", "agents.kubeopencode.io", "coder");
    assertTrue(edited.ok().contains("agent.kubeopencode.io/coder edited"), edited.out());
    assertEquals(3, agentSpec(cluster, "coder", "maxConcurrentTasks"));
    checked.add("edit");

    Result typo = kubectl(dir, kubeconfig, editor(dir, "s/serviceAccountName:/"
        + "serviceAccountNam:/"), "edit", "agents.kubeopencode.io", "coder");
    assertNotEquals(0, typo.code(), typo.out());
    assertEquals("sa", agentSpec(cluster, "coder", "serviceAccountName"));
    checked.add("invalid edit");

    String applied = AGENT.replace("coder", "applied");
    assertTrue(kubectl(dir, kubeconfig, applied, "apply", "-f", "-").ok().contains("created"));
    cluster.requests().reset();
    Result again = kubectl(dir, kubeconfig, applied.replace("/w,", "/w2,"), "apply", "-f", "-");
    assertTrue(again.ok().contains("agent.kubeopencode.io/applied configured"), again.out());
    List<ServerRequests.Request> writes = cluster.requests().recentWrites();
    assertEquals(1, writes.size(), writes::toString);
    assertEquals("application/merge-patch+json", writes.get(0).contentType());
    assertEquals("/w2", agentSpec(cluster, "applied", "workspaceDir"));
    checked.add("apply");

    String explained = kubectl(dir, kubeconfig, null, "explain", "agents.spec").ok();
    assertTrue(explained.contains("KIND:       Agent"), explained);
    assertTrue(explained.contains("workspaceDir\t<string>"), explained);
    assertTrue(explained.contains("Working directory inside the agent container"), explained);
    checked.add("explain");
  }

  private static Object agentSpec(EmbeddedCluster cluster, String name, String field) {
    var agent = cluster.client().genericKubernetesResources("kubeopencode.io/v1alpha1", "Agent")
        .inNamespace("default").withName(name).get();
    return agent == null ? null : agent.get("spec", field);
  }

  /** An EDITOR that applies a sed expression to the file kubectl hands it. */
  private static String editor(Path dir, String sed) throws IOException {
    Path script = dir.resolve("editor-" + Math.abs(sed.hashCode()) + ".sh");
    Files.writeString(script, "#!/bin/sh\nsed -i '" + sed + "' \"$1\"\n");
    script.toFile().setExecutable(true);
    return script.toString();
  }

  record Result(int code, String out) {
    String ok() {
      assertEquals(0, code, out);
      return out;
    }
  }

  /** Runs kubectl; {@code editorOrStdin} is the EDITOR for {@code edit}, else stdin. */
  static Result kubectl(Path dir, Path kubeconfig, String editorOrStdin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
        kubeconfig.toString(), "--request-timeout=20s"));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("kubectl.out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("HOME", dir.toString()); // no cache or config from the real home
    boolean edit = "edit".equals(args[0]);
    if (edit) {
      pb.environment().put("EDITOR", editorOrStdin);
      pb.environment().put("KUBE_EDITOR", editorOrStdin);
    }
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (!edit && editorOrStdin != null) {
        in.write(editorOrStdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl did not finish");
    return new Result(p.exitValue(), Files.readString(log));
  }
}
