package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's walkthrough, run as written: its commands through {@link Main#run} against the
 * embedded cluster (and the real kubectl where it is installed), its YAML taken from the README
 * itself, and the output lines it shows checked against what the commands print. A README step
 * that stops being true fails here.
 */
class ReadmeWalkthroughTest {
  static final Path ROOT = Path.of(System.getProperty("roster.repoRoot", ".."));
  static final boolean KUBECTL = Files.isExecutable(DevClusterKubectlTest.KUBECTL);

  @TempDir Path tmp;

  record Run(int code, String out, String err) {
    String ok() {
      assertEquals(0, code, out + err);
      return out;
    }
  }

  static Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  /** The README lines of the console block that starts with the line {@code first}. */
  static List<String> block(String readme, String first) {
    int at = readme.indexOf(first);
    assertTrue(at >= 0, "README lost the line: " + first);
    return readme.substring(at, readme.indexOf("```", at)).lines().toList();
  }

  /** The body of the heredoc ({@code <<'YAML' … YAML}) after {@code command} in the README. */
  static String heredoc(String readme, String command) {
    int at = readme.indexOf(command);
    assertTrue(at >= 0, "README lost the command: " + command);
    Matcher m = Pattern.compile("<<'YAML'[^\\n]*\\n(.*?)\\nYAML\\n", Pattern.DOTALL)
        .matcher(readme.substring(at));
    assertTrue(m.find(), "no heredoc after " + command);
    return m.group(1) + "\n";
  }

  @Test
  void validateAndItsBrokenCopy() throws IOException {
    String readme = readme();
    Path repo = ROOT.resolve("example-repo");
    assertEquals(block(readme, "$ roster validate example-repo").get(1),
        roster("validate", repo.toString()).ok().strip());

    // The three sed commands of the README, in Java.
    Path broken = tmp.resolve("broken-repo");
    copy(repo, broken);
    edit(broken.resolve("kubeopencode/agenttemplate.yaml"),
        s -> s.replaceAll("(?m)^  workspaceDir:", "  workspaceDirectory:"));
    edit(broken.resolve("kubeopencode/tasks.yaml"),
        s -> s.replaceFirst("(?m)name: team-agent$", "name: team-agnet"));
    edit(broken.resolve("teams/claude-teams/auth-refactor.yaml"),
        s -> s.replaceAll("(?m)^(.*- name: backend-api\\n)", "$1      dependsOn: [docs]\n"));
    assertTrue(readme.contains("$ sed -i 's/^  workspaceDir:/  workspaceDirectory:/' broken-repo"
        + "/kubeopencode/agenttemplate.yaml\n$ sed -i '0,/name: team-agent$/s//name: team-agnet/'"
        + " broken-repo/kubeopencode/tasks.yaml\n$ sed -i '/- name: backend-api/a\\      "
        + "dependsOn: [docs]' broken-repo/teams/claude-teams/auth-refactor.yaml\n"),
        "the README's sed commands changed: change this test with them");
    List<String> shown = block(readme, "$ roster validate broken-repo");
    Run r = roster("validate", broken.toString());
    assertEquals(3, r.code());
    assertEquals(shown.subList(1, shown.indexOf("$ echo $?")), r.out().lines().toList());
  }

  @Test
  void planApplyStatusAndTheRolloutWalkthrough() throws Exception {
    String readme = readme();
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("roster-dev.kubeconfig"));
      String kc = kubeconfig.toString();
      String repo = ROOT.resolve("example-repo").toString();

      // 3. Plan and apply
      List<String> shown = block(readme, "$ roster plan --repo example-repo --source-name example");
      List<String> plan = roster("plan", "--repo", repo, "--source-name", "example",
          "--kubeconfig", kc).ok().lines().toList();
      assertEquals(shown.get(1), plan.get(0));
      assertTrue(plan.contains(shown.get(3)), plan::toString);
      String applied = roster("apply", "--repo", repo, "--source-name", "example",
          "--kubeconfig", kc).ok();
      assertEquals(shown.get(6), applied.lines().findFirst().orElseThrow());
      assertTrue(applied.contains(shown.get(8)), applied);
      assertTrue(applied.lines().noneMatch(l -> l.startsWith("    ")),
          "apply prints a create as one line, without its YAML: " + applied);
      List<String> again = roster("apply", "--repo", repo, "--source-name", "example",
          "--kubeconfig", kc).ok().lines().toList();
      String digest = again.get(0).replaceAll(".*@sha256:([0-9a-f]+)\\.$", "$1");
      assertEquals(shown.get(11).replace("dir:example-repo", "dir:" + repo), again.get(0),
          "README's digest of example-repo is stale: it is now " + digest);
      assertEquals(shown.get(12), again.get(1));
      if (KUBECTL) {
        String agents = DevClusterKubectlTest.kubectl(tmp, kubeconfig, null, "get",
            "agents.kubeopencode.io", "-A").ok();
        assertTrue(agents.contains("team-agent") && agents.contains("pr-reviewer"), agents);
      }
      List<String> status = roster("status", "--kubeconfig", kc).ok().lines().toList();
      assertEquals(shown.get(20).replaceAll("\\s+", " "), status.get(0).replaceAll("\\s+", " "));
      assertTrue(shown.get(21).contains("dir:example-repo@sha256:" + digest + " "), shown.get(21));
      assertTrue(status.get(1).matches("example\\s+True\\s+ReconciliationSucceeded\\s+dir:"
          + Pattern.quote(repo) + "@sha256:" + digest + "\\s+\\d+s"), status.get(1));

      rollout(readme, cluster, kubeconfig);
    }
  }

  private void rollout(String readme, EmbeddedCluster cluster, Path kubeconfig)
      throws Exception {
    String kc = kubeconfig.toString();
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("agent.yaml"),
        heredoc(readme, "$ mkdir repo && cat > repo/agent.yaml"));
    String[] apply = {"apply", "--repo", repo.toString(), "--source-name", "demo",
        "--kubeconfig", kc};
    assertTrue(roster(apply).ok().contains("Apply: 2 created, 0 updated, 0 pruned, 0 failed."));

    String task = heredoc(readme, "$ kubectl create -f - <<'YAML'");
    if (KUBECTL) { // without --validate=false: kubectl checks the Task against the schema
      assertEquals("task.kubeopencode.io/t1 created\n",
          DevClusterKubectlTest.kubectl(tmp, kubeconfig, task, "create", "-f", "-").ok());
      DevClusterKubectlTest.kubectl(tmp, kubeconfig, null, "patch", "tasks.kubeopencode.io", "t1",
          "--subresource=status", "--type=merge", "-p", "{\"status\":{\"phase\":\"Running\"}}")
          .ok();
    } else {
      var tasks = cluster.client().genericKubernetesResources("kubeopencode.io/v1alpha1", "Task");
      GenericKubernetesResource t = tasks.load(new java.io.ByteArrayInputStream(
          task.getBytes(java.nio.charset.StandardCharsets.UTF_8))).item();
      t.setAdditionalProperty("status", Map.of("phase", "Running"));
      tasks.inNamespace("default").resource(t).create();
    }
    edit(repo.resolve("agent.yaml"), s -> s.replaceAll("executorImage: .*", "executorImage: devbox:v2")
        .replace("maxConcurrentTasks: 2", "maxConcurrentTasks: 3"));

    List<String> shown = block(readme, "$ roster plan --repo repo --source-name demo");
    List<String> plan = roster("plan", "--repo", repo.toString(), "--source-name", "demo",
        "--kubeconfig", kc).ok().lines().toList();
    String held = " [restart, held: WaitingForTasks (1 task) since ";
    assertTrue(plan.get(0).startsWith(shown.get(1).substring(0, shown.get(1).indexOf(held)
        + held.length())), plan.get(0));
    assertTrue(plan.contains(shown.get(3)) && plan.contains(shown.get(5)), plan::toString);

    List<String> out = roster(apply).ok().lines().toList();
    String heldLine = shown.get(8);
    assertTrue(out.stream().anyMatch(l -> l.startsWith(heldLine.substring(0,
        heldLine.indexOf(" since ")))), out::toString);
    assertTrue(out.contains(shown.get(9)), out::toString);
    assertTrue(roster("status", "--source-name", "demo", "--kubeconfig", kc).ok()
        .contains("Held rollouts:"));

    var tasks = cluster.client().genericKubernetesResources("kubeopencode.io/v1alpha1", "Task")
        .inNamespace("default").withName("t1");
    tasks.editStatus(t -> {
      t.setAdditionalProperty("status", Map.of("phase", "Completed"));
      return t;
    });
    List<String> last = roster(apply).ok().lines().toList();
    assertTrue(last.contains(shown.get(shown.size() - 1)), last::toString);
    assertEquals("devbox:v2", cluster.client().genericKubernetesResources(
        "kubeopencode.io/v1alpha1", "Agent").inNamespace("default").withName("coder").get()
        .get("spec", "executorImage"));
  }

  interface Edit {
    String apply(String text);
  }

  static void edit(Path file, Edit e) throws IOException {
    Files.writeString(file, e.apply(Files.readString(file)));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
