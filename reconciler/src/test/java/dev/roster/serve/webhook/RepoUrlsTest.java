package dev.roster.serve.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RepoUrls: which spellings name the same repository. */
class RepoUrlsTest {

  @Test
  void spellingsOfOneRepositoryAreTheSame() {
    List<String> same = List.of(
        "https://github.com/octo-org/config",
        "https://github.com/octo-org/config.git",
        "https://github.com/octo-org/config/",
        "https://github.com/octo-org/config.git/",
        "HTTPS://GitHub.COM/octo-org/config",
        "https://GitHub.com/Octo-Org/Config.GIT",
        "https://x-access-token:ghs_abc@github.com/octo-org/config.git",
        "http://github.com:443/octo-org//config",
        "git@github.com:octo-org/config.git",
        "ssh://git@github.com/octo-org/config.git",
        "ssh://git@github.com:22/octo-org/config",
        "git://github.com/octo-org/config.git",
        "https://github.com/octo-org/config.git?ref=main#frag",
        "github.com/octo-org/config");
    for (String s : same) {
      assertEquals("github.com/octo-org/config", RepoUrls.normalise(s), s);
      assertTrue(RepoUrls.same("https://github.com/octo-org/config", s), s);
    }
  }

  @Test
  void differentRepositoriesDiffer() {
    assertFalse(RepoUrls.same("https://github.com/octo-org/config",
        "https://github.com/octo-org/config-staging"));
    assertFalse(RepoUrls.same("https://github.com/octo-org/config",
        "https://gitlab.com/octo-org/config"));
    assertFalse(RepoUrls.same("https://github.com/octo-org/config",
        "https://github.com/other-org/config"));
    assertFalse(RepoUrls.same("https://gitlab.com/group/sub/config",
        "https://gitlab.com/group/config"));
    assertFalse(RepoUrls.same(null, null));
    assertFalse(RepoUrls.same(" ", " "));
    assertNull(RepoUrls.normalise(""));
  }

  @Test
  void otherHostsAndForms() {
    assertEquals("[::1]/srv/config", RepoUrls.normalise("ssh://git@[::1]:2222/srv/config.git"));
    assertEquals("/tmp/repos/config", RepoUrls.normalise("file:///tmp/repos/config.git"));
    assertEquals("gitea.example.com/srv/config",
        RepoUrls.normalise("git@gitea.example.com:/srv/config.git"));
    assertTrue(RepoUrls.anyMatch(List.of("https://a/x", "git@b:o/r.git"),
        List.of("https://b/o/r")));
    assertFalse(RepoUrls.anyMatch(List.of("https://a/x"), List.of()));
  }
}
