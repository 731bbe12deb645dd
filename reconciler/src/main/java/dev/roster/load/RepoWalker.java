package dev.roster.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Lists the YAML files of a repo tree: {@code *.yaml} and {@code *.yml}, recursively, sorted by
 * relative path. Skips hidden files and directories and whatever a {@code .rosterignore} (gitignore
 * syntax, one per directory, like {@code .gitignore}) excludes. Symlinks are followed only while
 * they stay inside the root; one that leaves it becomes a {@link Problem}.
 */
public final class RepoWalker {
  /** Name of the ignore file read in every directory. */
  public static final String IGNORE_FILE = ".rosterignore";

  /** The files found and the problems met on the way. */
  public record Listing(List<Path> files, List<Problem> problems) {}

  private final Path root;
  private final Path realRoot;
  private final List<Path> files = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Path> visited = new HashSet<>();

  private RepoWalker(Path root) throws IOException {
    this.root = root;
    this.realRoot = root.toRealPath();
  }

  /** Lists {@code root}; throws {@link LoadException} if it is missing or unreadable. */
  public static Listing list(Path root) {
    if (!Files.isDirectory(root)) {
      throw new LoadException("RootNotFound", "'" + root + "' is not a directory", false, null);
    }
    try {
      RepoWalker w = new RepoWalker(root);
      w.walk(root, new ArrayList<>());
      w.files.sort((a, b) -> w.rel(a).compareTo(w.rel(b)));
      return new Listing(List.copyOf(w.files), List.copyOf(w.problems));
    } catch (IOException e) {
      throw new LoadException("RootUnreadable", "failed to read '" + root + "': " + e, true, e);
    }
  }

  /** Path relative to the root with forward slashes. */
  public String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private record Ignore(Path dir, IgnoreNode node) {}

  private void walk(Path dir, List<Ignore> ignores) throws IOException {
    if (!visited.add(dir.toRealPath())) {
      return; // a symlink loop back into the tree
    }
    List<Ignore> here = new ArrayList<>(ignores);
    Path ignoreFile = dir.resolve(IGNORE_FILE);
    if (Files.isRegularFile(ignoreFile)) {
      IgnoreNode node = new IgnoreNode();
      try (InputStream in = Files.newInputStream(ignoreFile)) {
        node.parse(in);
      }
      here.add(new Ignore(dir, node));
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(entries::add);
    }
    entries.sort(null);
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      boolean isDir = Files.isDirectory(p);
      if (ignored(p, isDir, here)) {
        continue;
      }
      if (!isDir && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
        continue; // never read, so a symlink here is no problem either
      }
      if (Files.isSymbolicLink(p) && !insideRoot(p)) {
        continue;
      }
      if (isDir) {
        walk(p, here);
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      }
    }
  }

  private boolean insideRoot(Path link) {
    try {
      Path target = link.toRealPath();
      if (target.startsWith(realRoot)) {
        return true;
      }
      problems.add(
          Problem.fileError(rel(link), 0, 0, "symlink points outside the repo root; not read"));
    } catch (IOException e) {
      problems.add(Problem.fileError(rel(link), 0, 0, "broken symlink; not read"));
    }
    return false;
  }

  private static boolean ignored(Path p, boolean isDir, List<Ignore> ignores) {
    for (int i = ignores.size() - 1; i >= 0; i--) {
      Ignore ig = ignores.get(i);
      String relToIgnore = ig.dir().relativize(p).toString().replace('\\', '/');
      IgnoreNode.MatchResult r = ig.node().isIgnored(relToIgnore, isDir);
      if (r == IgnoreNode.MatchResult.IGNORED) {
        return true;
      }
      if (r == IgnoreNode.MatchResult.NOT_IGNORED) {
        return false;
      }
    }
    return false;
  }
}
