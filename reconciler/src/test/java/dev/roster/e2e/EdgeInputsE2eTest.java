package dev.roster.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge inputs that reach the cluster commands: sources Roster cannot use, duplicates, counts. */
class EdgeInputsE2eTest {
  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void dumbHttpRemoteIsAClearExit6() throws Exception {
    f.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    f.commit("one");
    Path bare = tmp.resolve("static/config.git");
    Git.cloneRepository().setURI(f.url()).setDirectory(bare.toFile()).setBare(true).call()
        .close();
    Process p = new ProcessBuilder("git", "update-server-info").directory(bare.toFile())
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    try (DumbHttpServer http = new DumbHttpServer(tmp.resolve("static"))) {
      for (String command : new String[] {"plan", "apply"}) {
        E2eFixture.Run r = "plan".equals(command) ? f.plan("--repo", http.url("config.git"))
            : f.apply("--repo", http.url("config.git"));
        assertEquals(6, r.exit(), r::toString);
        assertFalse(r.err().contains("NullPointerException"), r::toString);
        assertTrue(r.err().startsWith("roster: source DumbHttpUnsupported: ls-remote "
            + http.url("config.git") + ": the server speaks only Git's \"dumb\" HTTP protocol"),
            r::toString);
      }
    }
    assertEquals(null, f.get("v1", "ConfigMap", "default", "a"));
  }

  static String configMap(String name, String namespaceLine, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n" + namespaceLine
        + "data:\n  k: " + value + "\n";
  }

  @Test
  void defaultNamespaceTwinIsADuplicateAndNothingIsWritten() {
    f.write("a.yaml", configMap("cfg", "", "one"));
    f.write("b.yaml", configMap("cfg", "  namespace: default\n", "two"));
    f.commit("twins");
    for (String command : new String[] {"plan", "apply"}) {
      E2eFixture.Run r = "plan".equals(command) ? f.plan() : f.apply();
      assertEquals(3, r.exit(), r::toString);
      assertTrue(r.err().contains("b.yaml:4:3: ConfigMap/cfg: /metadata/name: defined twice: also"
          + " at a.yaml:1:1 (an object without metadata.namespace goes to the default namespace"
          + " \"default\")"), r::toString);
    }
    assertEquals(null, f.get("v1", "ConfigMap", "default", "cfg"));
    // with -n team the one without a namespace goes to team: two objects, both created
    E2eFixture.Run team = f.applyOk("-n", "team");
    assertTrue(team.out().contains("Apply: 2 created, 0 updated, 0 pruned, 0 failed."),
        team::toString);
    assertEquals("one",
        E2eFixture.field(f.live("v1", "ConfigMap", "team", "cfg"), "data").get("k"));
    assertEquals("two",
        E2eFixture.field(f.live("v1", "ConfigMap", "default", "cfg"), "data").get("k"));
  }

  @Test
  void applyCountsAreWhatWasWritten() {
    f.write("keep.yaml", configMap("keep", "  namespace: default\n", "same"));
    f.write("change.yaml", configMap("change", "  namespace: default\n", "before"));
    f.write("gone.yaml", configMap("gone", "  namespace: default\n", "x"));
    f.commit("three");
    E2eFixture.Run first = f.applyOk("--concurrency", "4");
    assertTrue(first.out().contains("Apply: 3 created, 0 updated, 0 pruned, 0 failed."),
        first::toString);

    f.write("change.yaml", configMap("change", "  namespace: default\n", "after"));
    f.delete("gone.yaml");
    f.write("new1.yaml", configMap("new1", "", "fresh"));
    f.write("new2.yaml", configMap("new2", "  namespace: default\n", "fresh"));
    f.commit("mixed");
    f.requests().reset();
    E2eFixture.Run mixed = f.applyOk("--concurrency", "4", "--max-prune-ratio", "0.5");
    assertTrue(mixed.out().contains("Plan: 2 to create, 1 to update, 1 to prune, 1 unchanged"),
        mixed::toString);
    assertTrue(mixed.out().contains("Apply: 2 created, 1 updated, 1 pruned, 0 failed."),
        mixed::toString);
    assertEquals(1, f.requests().count("DELETE"), f.requests()::toString);
    assertEquals(null, f.get("v1", "ConfigMap", "default", "gone"));
    assertEquals("after",
        E2eFixture.field(f.live("v1", "ConfigMap", "default", "change"), "data").get("k"));
    f.live("v1", "ConfigMap", "default", "new1");
    f.live("v1", "ConfigMap", "default", "new2");
  }
}
