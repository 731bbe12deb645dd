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
class EdgeSourceE2eTest {
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
}
