package dev.roster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryDigestTest {
  @TempDir Path tmp;

  private Path repo(String name, String value) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name).resolve("apps"));
    Files.writeString(dir.resolve("a.yaml"), "value: " + value + "\n");
    return dir.getParent();
  }

  @Test
  void sameFilesSameRevisionAndEveryEditANewOne() throws Exception {
    Path one = repo("one", "v1");
    Path two = repo("two", "v1");
    String r1 = DirectoryDigest.revision("repo", one);
    assertEquals(r1, DirectoryDigest.revision("repo", two), "content decides, not the place");

    Files.writeString(one.resolve("apps/a.yaml"), "value: v2\n");
    String r2 = DirectoryDigest.revision("repo", one);
    assertNotEquals(r1, r2);
    Files.move(one.resolve("apps/a.yaml"), one.resolve("apps/b.yaml"));
    assertNotEquals(r2, DirectoryDigest.revision("repo", one), "a rename is a new revision");
    Files.writeString(one.resolve(".rosterignore"), "drafts/\n");
    String withIgnore = DirectoryDigest.revision("repo", one);
    assertNotEquals(r2, withIgnore, ".rosterignore changes what is read");
  }

  @Test
  void hiddenDirectoriesAndFilesDoNotCount() throws Exception {
    Path one = repo("one", "v1");
    String before = DirectoryDigest.revision("repo", one);
    Files.createDirectories(one.resolve(".git/objects"));
    Files.writeString(one.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(one.resolve("apps/.a.yaml.swp"), "x");
    assertEquals(before, DirectoryDigest.revision("repo", one));
    assertEquals(true, before.matches("dir:repo@sha256:[0-9a-f]{12}"), before);
  }

  @Test
  void aMissingDirectoryHasNoDigest() {
    assertEquals("dir:gone", DirectoryDigest.revision("gone", tmp.resolve("gone")));
  }
}
