package dev.roster.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git working repository on branch main, for a GitHttpServer to serve. */
final class ConfigRepo implements AutoCloseable {
  private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");
  private final Git git;

  ConfigRepo(Path dir) throws GitAPIException {
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  Path dir() {
    return git.getRepository().getWorkTree().toPath();
  }

  ConfigRepo write(String rel, String content) throws IOException {
    Path p = dir().resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return this;
  }

  ConfigRepo delete(String rel) throws IOException {
    Files.delete(dir().resolve(rel));
    return this;
  }

  /** Stages everything and commits; returns the commit hash. */
  String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false)
        .call().name();
  }

  /** The revision Roster reports for {@code commit} on main. */
  static String revision(String commit) {
    return "main@sha1:" + commit;
  }

  /** A ConfigMap in namespace {@code apps}. */
  static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  namespace: apps\ndata:\n  value: \"" + value + "\"\n";
  }

  @Override
  public void close() {
    git.close();
  }
}
