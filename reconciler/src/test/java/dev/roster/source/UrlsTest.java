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
  void givesBothSpellingsFromTheAuthorityOn() {
    assertEquals("u@host:8443/o/r.git", Urls.fromAuthority("https://u@host:8443/o/r.git"));
    assertEquals("git@github.com/o/r.git", Urls.fromAuthority("git@github.com:o/r.git"));
    assertEquals("dir:with:colons", Urls.fromAuthority("dir:with:colons"));
    assertEquals("/tmp/repo", Urls.fromAuthority("/tmp/repo"));
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
  void redactsTokenLikeQueryParameters() {
    assertEquals("https://h/r.git?private_token=***",
        Urls.redact("https://u:s3cr3t@h/r.git?private_token=s3cr3t"));
    assertEquals("fetch https://h/r?ref=main&Access_Token=***&X-Amz-Signature=***#f failed",
        Urls.redact("fetch https://h/r?ref=main&Access_Token=a1&X-Amz-Signature=b2#f failed"));
    for (String name : new String[] {"token", "TOKEN", "password", "key", "sig", "api_key",
        "client_secret", "refresh_token", "passwd"}) {
      assertEquals("https://h/r?" + name + "=***", Urls.redact("https://h/r?" + name + "=v"));
    }
    assertEquals("https://h/r?ref=main&page=2", Urls.redact("https://h/r?ref=main&page=2"));
    assertEquals("https://h/r?ref=x#f",
        Urls.withoutQuerySecrets("https://h/r?token=a&ref=x&sig=b#f"));
    assertEquals("https://h/r", Urls.withoutQuerySecrets("https://h/r?private_token=a"));
    assertEquals("https://h/r?ref=x", Urls.withoutQuerySecrets("https://h/r?ref=x"));
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
