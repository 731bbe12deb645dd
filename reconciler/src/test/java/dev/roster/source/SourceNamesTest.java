package dev.roster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Default source names are inventory identity: these are the names earlier releases derived (from
 * cli's own copy of the rules) and must never change, or a repo's objects would be orphaned.
 */
class SourceNamesTest {
  private static final String[][] PINNED = {
      {"https://github.com/acme/config.git", null, "config-f32ead"},
      {"https://user:tok@github.com/acme/config.git", null, "config-f32ead"},
      {"https://github.com/acme/config.git", "clusters/prod", "config-clusters-prod-4d8427"},
      {"https://github.com/acme/config", null, "config-f8a182"},
      {"http://127.0.0.1:8080/git/config.git/", null, "config-892c14"},
      {"ssh://git@github.com:2222/acme/config.git", null, "config-231dd8"},
      {"ssh://github.com/acme/config.git", null, "config-f77cff"},
      {"git@github.com:acme/config.git", null, "config-db2d94"},
      {"git@github.com:acme/config.git", "apps", "config-apps-7ce675"},
      {"file:///srv/git/config.git", null, "config-dbae26"},
      {"git://host/config", null, "config-1ad502"},
      {"/srv/config", null, "config"},
      {"./config/", "apps/web", "config-apps-web"},
      {"config", null, "config"},
      {"C:\\repos\\config", null, "repos-config"},
      {"https://gitlab.example/acme/config.git?ref=x", null, "config-git-ref-x-0991f4"},
  };

  @Test
  void namesOfEveryUrlFormAreStable() {
    for (String[] p : PINNED) {
      assertEquals(p[2], SourceNames.derive(p[0], p[1]), p[0] + " " + p[1]);
    }
  }

  @Test
  void tokenInTheQueryNeverReachesTheName() {
    String name = SourceNames.derive(
        "https://user:s3cr3t@github.com/acme/config.git?private_token=s3cr3t", null);
    assertEquals("config-f32ead", name, "the same name as without the token");
    assertFalse(name.contains("s3cr3t"));
    assertEquals("config-git-ref-x-0991f4", SourceNames.derive(
        "https://gitlab.example/acme/config.git?access_token=abc&ref=x", null));
  }
}
