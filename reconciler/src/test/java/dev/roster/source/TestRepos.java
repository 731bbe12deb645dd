package dev.roster.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Builds real Git repositories for tests: init, write files, commit. */
public final class TestRepos {
  private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

  private TestRepos() {}

  /** A new non-bare repository at {@code dir} whose initial branch is {@code branch}. */
  public static Git init(Path dir, String branch) throws GitAPIException {
    return Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
  }

  /** Writes a file into the working tree, creating parent directories. */
  public static void write(Git git, String rel, String content) throws IOException {
    Path p = workTree(git).resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  public static Path workTree(Git git) {
    return git.getRepository().getWorkTree().toPath();
  }

  /** Stages everything in the working tree (additions, changes, deletions) and commits it. */
  public static RevCommit commit(Git git, String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false)
        .call();
  }

  /** Adds a submodule entry (gitlink) at {@code path} to the index, pointing at {@code id}. */
  public static void addGitlink(Git git, String path, ObjectId id) throws IOException {
    DirCache dc = git.getRepository().lockDirCache();
    DirCacheEditor ed = dc.editor();
    ed.add(new DirCacheEditor.PathEdit(path) {
      @Override
      public void apply(DirCacheEntry e) {
        e.setFileMode(FileMode.GITLINK);
        e.setObjectId(id);
      }
    });
    ed.commit();
  }

  /** {@code file://} URL of the repository at {@code dir}. */
  public static String fileUrl(Path dir) {
    return "file://" + dir.toAbsolutePath();
  }

  public static String yaml(String kind, String name) {
    return "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: " + name
        + "\n  namespace: default\ndata:\n  k: v\n";
  }
}
