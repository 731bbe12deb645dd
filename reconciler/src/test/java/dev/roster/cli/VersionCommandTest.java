package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code roster version} prints what the build filled in: the project's version, the commit
 * {@code git rev-parse HEAD} names in the checkout the build ran in, and a UTC build time.
 */
class VersionCommandTest {

  @Test
  void printsVersionCommitAndBuildTime() throws Exception {
    MainTest.Run r = MainTest.roster("version");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.lines();
    assertEquals(4, lines.size(), r.out());
    assertEquals("roster " + System.getProperty("roster.projectVersion"), lines.get(0));

    String commit = lines.get(1).replaceFirst("^commit: ", "");
    String head = head(Path.of(System.getProperty("roster.repoRoot", "..")));
    if (head == null) {
      assertEquals("unknown", commit, "no Git checkout, no commit");
    } else {
      assertTrue(commit.equals(head) || commit.equals(head + "-dirty"),
          "commit " + commit + " is not HEAD " + head);
    }

    String built = lines.get(2).replaceFirst("^built: ", "");
    assertTrue(Instant.parse(built).isBefore(Instant.now()), built);
    assertTrue(lines.get(3).startsWith("java: "), lines.get(3));
  }

  @Test
  void valuesTheBuildDidNotFillInReadAsUnknown() {
    Properties p = new Properties();
    p.setProperty("version", "0.1.0");
    p.setProperty("commit", "${roster.git.commit}");
    assertEquals(new BuildInfo("0.1.0", "unknown", "unknown"), BuildInfo.from(p));
  }

  /** HEAD of the checkout at {@code root}, or null when git or the checkout is missing. */
  private static String head(Path root) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root.toFile())
          .redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}
