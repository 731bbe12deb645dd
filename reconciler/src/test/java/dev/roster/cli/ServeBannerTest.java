package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The banner's status command works from any directory, not only from the checkout's root. */
class ServeBannerTest {
  @Test
  void aJarIsNamedByItsAbsolutePathAndAnythingElseAsRoster(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("lib/roster.jar");
    assertEquals("java -jar " + jar.toAbsolutePath(), ServeBanner.command(jar.toUri().toURL()));
    assertEquals("roster", ServeBanner.command(dir.resolve("classes").toUri().toURL()));
  }
}
