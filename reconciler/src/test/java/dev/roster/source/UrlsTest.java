package dev.roster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Urls (URL detection, redaction, mirror names) and SourceSpec normalisation. */
class UrlsTest {

  @Test
  void tellsUrlsFromDirectories() {
    for (String url : new String[] {"https://github.com/o/r.git", "http://127.0.0.1:8080/x",
        "ssh://git@host:2222/o/r.git", "git@github.com:o/r.git", "file:///tmp/repo",
        "git://host/r"}) {
      assertTrue(Urls.isUrl(url), url);
      assertTrue(SourceSpec.of(url).isRemote(), url);
    }
    for (String dir : new String[] {"/tmp/repo", "./config", "config", "C:\\repos\\x",
        "dir:with:colons", "../up"}) {
      assertFalse(Urls.isUrl(dir), dir);
    }
  }

  @Test
  void redactsUserinfo() {
    assertEquals("https://github.com/o/r.git", Urls.redact("https://user:tok@github.com/o/r.git"));
    assertEquals("https://github.com/o/r.git", Urls.redact("https://ghp_token@github.com/o/r.git"));
    assertEquals("fetch https://h/x: failed; see http://h2/y",
        Urls.redact("fetch https://a:b@h/x: failed; see http://c:p@ss@h2/y"));
    assertEquals("ssh://git@host/r.git", Urls.redact("ssh://git:pw@host/r.git"));
    assertEquals("ssh://git@host/r.git", Urls.redact("ssh://git@host/r.git"));
    assertEquals("git@github.com:o/r.git", Urls.redact("git@github.com:o/r.git"));
    assertEquals("no url here", Urls.redact("no url here"));
    assertNull(Urls.redact(null));
  }

  @Test
  void mirrorNameIsHashOfTheCleanUrl() {
    String a = Urls.mirrorName("https://github.com/o/config.git");
    assertTrue(a.matches("[0-9a-f]{64}-config\\.git"), a);
    assertEquals(a, Urls.mirrorName("https://user:tok@github.com/o/config.git"));
    assertNotEquals(a, Urls.mirrorName("https://github.com/p/config.git"));
    assertTrue(Urls.mirrorName("git@github.com:o/r.git").endsWith("-r.git"));
    assertTrue(Urls.mirrorName("https://h/").matches("[0-9a-f]{64}-h"));
  }

  @Test
  void specNormalisesRefAndPath() {
    SourceSpec s = new SourceSpec(" /tmp/x ", " ", "./apps//web/", Path.of("/c"));
    assertEquals("/tmp/x", s.repo());
    assertNull(s.ref());
    assertEquals("apps/web", s.path());
    assertNull(new SourceSpec("/tmp/x", null, "/", null).path());
    assertEquals(SourceSpec.defaultCacheDir(), SourceSpec.of("/tmp/x").cacheDir());
    assertEquals("v1", SourceSpec.of("/tmp/x").withRef("v1").ref());
    assertEquals("InvalidPath", assertThrows(SourceException.class,
        () -> new SourceSpec("/tmp/x", null, "apps/../..", null)).reason().text());
    assertEquals("InvalidUrl", assertThrows(SourceException.class,
        () -> SourceSpec.of(" ")).reason().text());
  }

  @Test
  void invalidUrls() {
    try (GitSource source = new GitSource(GitCredentials.none())) {
      for (String url : new String[] {"ftp://host/x.git", "https:///nohost"}) {
        SourceException e = assertThrows(SourceException.class,
            () -> source.snapshot(SourceSpec.of(url)), url);
        assertEquals("InvalidUrl", e.reason().text(), url);
        assertFalse(e.retryable());
      }
    }
  }
}
