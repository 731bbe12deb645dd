package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid repos, wrong arguments, and unreachable sources and clusters. */
class FailureE2eTest {
  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void anInvalidRepoWritesNothingAndSaysWhere() {
    f.commit("valid");
    f.applyOk();
    f.write(Manifests.AGENT_FILE, Manifests.agent("team-agent", 3)
        .replace("  workspaceDir: /workspace\n", "  workspaceDir: /workspace\n  replicas: 2\n"));
    f.delete(Manifests.TASK_FILE);
    f.commit("an unknown field, and a Task removed");
    f.requests().reset();

    E2eFixture.Run r = f.apply();
    assertEquals(3, r.exit(), r::toString);
    assertEquals("", r.out(), "no plan is printed for an invalid repo");
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("kubeopencode/agent.yaml:")
        && l.matches("kubeopencode/agent\\.yaml:\\d+:\\d+: .*replicas.*")), r::toString);
    assertTrue(r.err().contains("nothing applied"), r::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertNotNull(f.get(KOC, "Task", NS, "fix-tests"), "not pruned while the repo is invalid");

    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(3, plan.exit(), plan::toString);
  }

  @Test
  void aYamlSyntaxErrorInAFileOfAppliedObjectsPrunesNothing() {
    f.write("agents/two.yaml", Manifests.plainConfigMap("one", "1") + "---\n"
        + Manifests.plainConfigMap("two", "2"));
    f.commit("two ConfigMaps in one file");
    f.applyOk();
    f.write("agents/two.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one\n"
        + "  namespace: agents\ndata:\n  value: [unclosed\n");
    f.commit("break the file");
    f.requests().reset();

    E2eFixture.Run r = f.apply("--allow-mass-prune");
    assertEquals(3, r.exit(), r::toString);
    assertTrue(r.err().lines().anyMatch(l -> l.matches("agents/two\\.yaml:\\d+:\\d+: .*")),
        r::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertNotNull(f.client.configMaps().inNamespace(NS).withName("one").get());
    assertNotNull(f.client.configMaps().inNamespace(NS).withName("two").get());
  }

  @Test
  void anUnreachableSourceExitsSixAndWritesNothing() {
    f.requests().reset();
    String url = "http://127.0.0.1:" + E2eFixture.closedPort() + "/x.git";

    E2eFixture.Run r = f.apply("--repo", url);
    assertEquals(6, r.exit(), r::toString);
    assertTrue(r.err().startsWith("roster: source "), r::toString);
    assertTrue(r.err().contains("127.0.0.1"), r::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertEquals(6, f.plan("--repo", url).exit());
  }

  @Test
  void aWrongRefOrPathIsAUsageError() {
    f.commit("valid");
    f.requests().reset();

    E2eFixture.Run ref = f.apply("--ref", "no-such-branch");
    assertEquals(2, ref.exit(), ref::toString);
    assertTrue(ref.err().startsWith("roster: source RefNotFound: ref 'no-such-branch' not found"),
        ref::toString);
    E2eFixture.Run path = f.plan("--path", "no/such/dir");
    assertEquals(2, path.exit(), path::toString);
    assertTrue(path.err().startsWith("roster: source PathNotFound: path 'no/such/dir' is not a"
        + " directory"), path::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
  }

  @Test
  void anUnreachableClusterExitsSix() throws IOException {
    f.commit("valid");
    Path dead = tmp.resolve("dead.kubeconfig");
    Files.writeString(dead, Files.readString(f.kubeconfig)
        .replace(f.cluster.url(), "http://127.0.0.1:" + E2eFixture.closedPort()));
    f.requests().reset();

    E2eFixture.Run r = f.apply("--kubeconfig", dead.toString());
    assertEquals(6, r.exit(), r::toString);
    assertTrue(r.err().startsWith("roster: cluster ClusterUnreachable: "), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(0, f.requests().byMethod().values().stream().mapToLong(Long::longValue).sum());

    // A kubeconfig that does not exist is a mistake in the command, not an outage: exit 2.
    E2eFixture.Run missing = f.plan("--kubeconfig", tmp.resolve("absent").toString());
    assertEquals(2, missing.exit(), missing::toString);
    assertTrue(missing.err().contains("does not exist"), missing::toString);
    assertNull(f.get(KOC, "Task", NS, "fix-tests"));
  }
}
