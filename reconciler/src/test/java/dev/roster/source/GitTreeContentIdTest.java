package dev.roster.source;

import static dev.roster.source.TestRepos.commit;
import static dev.roster.source.TestRepos.write;
import static dev.roster.source.TestRepos.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content ids: Git object ids that change exactly when contents do; none for a directory. */
class GitTreeContentIdTest {
  @TempDir Path tmp;

  @Test
  void areGitObjectIdsThatFollowTheContents() throws Exception {
    try (Git git = TestRepos.init(tmp.resolve("repo"), "main")) {
      write(git, "apps/a.yaml", yaml("ConfigMap", "a"));
      write(git, "apps/b.yaml", yaml("ConfigMap", "b"));
      write(git, "top.yaml", yaml("ConfigMap", "top"));
      RevCommit one = commit(git, "one");
      write(git, "apps/b.yaml", yaml("ConfigMap", "b2"));
      RevCommit two = commit(git, "two");
      var repo = git.getRepository();
      GitTree t1 = new GitTree(repo, one, null);
      GitTree t2 = new GitTree(repo, two, null);
      assertEquals(t1.treeId().name(), t1.contentId(""));
      assertNotEquals(t1.contentId(""), t2.contentId(""));
      assertEquals(t1.contentId("apps/a.yaml"), t2.contentId("apps/a.yaml"));
      assertEquals(t1.contentId("top.yaml"), t2.contentId("top.yaml"));
      assertNotEquals(t1.contentId("apps/b.yaml"), t2.contentId("apps/b.yaml"));
      assertNotEquals(t1.contentId("apps"), t2.contentId("apps"));
      try (var ins = repo.newObjectInserter()) {
        assertEquals(ins.idFor(Constants.OBJ_BLOB, t2.read("apps/b.yaml")).name(),
            t2.contentId("apps/b.yaml"));
      }
      assertNull(t1.contentId("apps/missing.yaml"));
      GitTree sub = new GitTree(repo, two, "apps");
      assertEquals(t2.contentId("apps"), sub.contentId(""));
      assertEquals(t2.contentId("apps/a.yaml"), sub.contentId("a.yaml"));
    }
  }

  @Test
  void isNullForADirectoryOnDisk() throws Exception {
    Files.writeString(tmp.resolve("a.yaml"), "kind: A\n");
    DirectoryTree t = new DirectoryTree(tmp);
    assertNull(t.contentId(""));
    assertNull(t.contentId("a.yaml"));
  }
}
