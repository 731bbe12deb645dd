package dev.roster.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Small file-system helpers for repositories on disk. */
final class Repos {
  private Repos() {}

  /** Whether {@code dir} is itself a Git directory (a bare repository or a {@code .git}). */
  static boolean isGitDir(Path dir) {
    return Files.isDirectory(dir)
        && RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED);
  }

  /** The Git directory of the working copy or bare repository at {@code dir}; null if none. */
  static Path gitDirOf(Path dir) {
    if (isGitDir(dir)) {
      return dir;
    }
    Path dotGit = dir.resolve(".git");
    return isGitDir(dotGit) ? dotGit : null;
  }

  /** Opens the Git directory {@code gitDir}, which must exist. */
  static Repository open(Path gitDir) {
    try {
      return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything under it; nothing if it does not exist. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
