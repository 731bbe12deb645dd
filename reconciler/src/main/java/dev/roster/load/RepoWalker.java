package dev.roster.load;

import dev.roster.source.DirectoryTree;
import dev.roster.source.SourceException;
import dev.roster.source.SourceTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Lists the manifest files of a tree: {@code *.yaml}, {@code *.yml} and {@code *.json} (as
 * {@code kubectl apply -f DIR} reads), recursively, sorted by path. Skips hidden files and
 * directories and whatever a {@code .rosterignore} (gitignore syntax, one per directory, like
 * {@code .gitignore}) excludes. Entries the tree refuses (symlinks leaving the root) become error
 * {@link Problem}s; FIFOs, sockets and devices are skipped, never opened, with a warning.
 */
public final class RepoWalker {
  /** Name of the ignore file read in every directory. */
  public static final String IGNORE_FILE = ".rosterignore";

  /**
   * The files found and the problems met on the way.
   *
   * @param files paths relative to the root, sorted
   * @param problems refused entries
   */
  public record Listing(List<String> files, List<Problem> problems) {}

  private final SourceTree tree;
  private final List<String> files = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  private RepoWalker(SourceTree tree) {
    this.tree = tree;
  }

  /** Lists a directory on disk; throws {@link LoadException} if it is missing or unreadable. */
  public static Listing list(Path root) {
    try {
      return list(new DirectoryTree(root));
    } catch (SourceException e) {
      throw new LoadException(e.reason(), e.getMessage(), e.retryable(), e);
    }
  }

  /** Lists any tree; throws {@link LoadException} if it cannot be read. */
  public static Listing list(SourceTree tree) {
    RepoWalker w = new RepoWalker(tree);
    try {
      w.walk("", new ArrayList<>());
    } catch (IOException e) {
      throw new LoadException("TreeUnreadable", "failed to read the repo tree: " + e, true, e);
    }
    w.files.sort(null);
    return new Listing(List.copyOf(w.files), List.copyOf(w.problems));
  }

  private record Ignore(String dir, IgnoreNode node) {}

  private void walk(String dir, List<Ignore> ignores) throws IOException {
    List<SourceTree.Entry> entries = tree.list(dir);
    List<Ignore> here = new ArrayList<>(ignores);
    for (SourceTree.Entry e : entries) {
      if (IGNORE_FILE.equals(e.name()) && e.type() == SourceTree.Type.FILE) {
        IgnoreNode node = new IgnoreNode();
        node.parse(new ByteArrayInputStream(tree.read(join(dir, e.name()))));
        here.add(new Ignore(dir, node));
      }
    }
    for (SourceTree.Entry e : entries) {
      String path = join(dir, e.name());
      if (e.name().startsWith(".")) {
        continue;
      }
      boolean isDir = e.type() == SourceTree.Type.DIRECTORY;
      if (ignored(path, isDir, here)) {
        continue;
      }
      if (e.type() == SourceTree.Type.REFUSED) {
        if (couldHoldYaml(e.name())) {
          problems.add(Problem.fileError(path, 0, 0, e.reason()));
        }
      } else if (e.type() == SourceTree.Type.SPECIAL) {
        problems.add(new Problem(path, 0, 0, "", "", e.reason(), Severity.WARNING));
      } else if (isDir) {
        walk(path, here);
      } else if (isManifest(e.name())) {
        files.add(path);
      }
    }
  }

  /** Whether a file of this name is read as manifests. */
  static boolean isManifest(String name) {
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** A refused entry matters only if it holds manifests or may be a directory (no extension). */
  private static boolean couldHoldYaml(String name) {
    return isManifest(name) || name.indexOf('.') < 0;
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static boolean ignored(String path, boolean isDir, List<Ignore> ignores) {
    for (int i = ignores.size() - 1; i >= 0; i--) {
      Ignore ig = ignores.get(i);
      String rel = ig.dir().isEmpty() ? path : path.substring(ig.dir().length() + 1);
      IgnoreNode.MatchResult r = ig.node().isIgnored(rel, isDir);
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
