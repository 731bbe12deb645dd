package dev.roster.load;

import dev.roster.source.DirectoryTree;
import dev.roster.source.SourceException;
import dev.roster.source.SourceTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
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

  /**
   * One directory as the walk saw it, for walking the next tree of the same repo: a directory
   * whose content id and ignore chain are unchanged is the very same node, not listed again.
   *
   * @param id the directory's content id, or null when the tree has none
   * @param chain the ignore files above it as {@code dir:contentId}, or null when unknown
   * @param files manifest files by name, with their content ids (null: unknown), kept compact
   * @param dirs subdirectories walked, by name
   * @param problems refused and special entries by name
   * @param count manifest files in this subtree
   * @param troubles problems in this subtree
   */
  record Node(String id, List<String> chain, FileIds files,
      SortedMap<String, Node> dirs, SortedMap<String, Problem> problems, int count,
      int troubles) {}

  private final SourceTree tree;
  private final boolean ids;

  private RepoWalker(SourceTree tree, boolean ids) {
    this.tree = tree;
    this.ids = ids;
  }

  /** Lists a directory on disk; throws the source's {@link SourceException} if it is unusable. */
  public static Listing list(Path root) {
    return list(new DirectoryTree(root));
  }

  /** Lists any tree; throws {@link LoadException} if it cannot be read. */
  public static Listing list(SourceTree tree) {
    Node root;
    try {
      root = new RepoWalker(tree, false).walk("", null, List.of(), null);
    } catch (IOException e) {
      throw unreadable(e);
    }
    List<String> files = new ArrayList<>(root.count());
    List<Problem> problems = new ArrayList<>();
    flatten("", root, files, problems);
    files.sort(null);
    return new Listing(List.copyOf(files), List.copyOf(problems));
  }

  /**
   * Walks {@code tree}, reusing the nodes of {@code before} (the walk of an earlier tree of the
   * same repo, or null) whose content id and ignore chain are unchanged; throws {@link
   * LoadException} if the tree cannot be read.
   */
  static Node walk(SourceTree tree, Node before) {
    try {
      return new RepoWalker(tree, true).walk("", before, List.of(), List.of());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static LoadException unreadable(IOException e) {
    return new LoadException(LoadReason.TREE_UNREADABLE, "failed to read the repo tree: " + e, e);
  }

  /**
   * The files and problems under {@code node}, in walk order (entries sorted by name); with
   * {@code files} null only the problems, visiting only subtrees that have some.
   */
  static void flatten(String dir, Node node, List<String> files, List<Problem> problems) {
    if (files != null) {
      node.files().names().forEach(f -> files.add(join(dir, f)));
    } else if (node.troubles() == 0) {
      return;
    }
    if (node.problems().isEmpty() && node.dirs().isEmpty()) {
      return;
    }
    SortedMap<String, Object> entries = new TreeMap<>(node.problems());
    entries.putAll(node.dirs());
    entries.forEach((name, e) -> {
      if (e instanceof Node sub) {
        flatten(join(dir, name), sub, files, problems);
      } else {
        problems.add((Problem) e);
      }
    });
  }

  private record Ignore(String dir, IgnoreNode node) {}

  private Node walk(String dir, Node before, List<Ignore> ignores, List<String> chain)
      throws IOException {
    String id = ids ? tree.contentId(dir) : null;
    if (before != null && id != null && id.equals(before.id()) && chain != null
        && chain.equals(before.chain())) {
      return before;
    }
    List<SourceTree.Entry> entries = tree.list(dir);
    List<Ignore> here = new ArrayList<>(ignores);
    List<String> hereChain = chain == null ? null : new ArrayList<>(chain);
    for (SourceTree.Entry e : entries) {
      if (IGNORE_FILE.equals(e.name()) && e.type() == SourceTree.Type.FILE) {
        String path = join(dir, e.name());
        IgnoreNode node = new IgnoreNode();
        node.parse(new ByteArrayInputStream(tree.read(path)));
        here.add(new Ignore(dir, node));
        String ignoreId = hereChain == null ? null : tree.contentId(path);
        hereChain = ignoreId == null ? null : hereChain;
        if (hereChain != null) {
          hereChain.add(dir + ":" + ignoreId);
        }
      }
    }
    List<String> files = new ArrayList<>();
    List<String> fileIds = new ArrayList<>();
    SortedMap<String, Node> dirs = new TreeMap<>();
    SortedMap<String, Problem> problems = new TreeMap<>();
    int count = 0;
    int troubles = 0;
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
          problems.put(e.name(), Problem.fileError(path, 0, 0, e.reason()));
        }
      } else if (e.type() == SourceTree.Type.SPECIAL) {
        problems.put(e.name(), new Problem(path, 0, 0, "", "", e.reason(), Severity.WARNING));
      } else if (isDir) {
        Node sub = walk(path, before == null ? null : before.dirs().get(e.name()), here,
            hereChain == null ? null : List.copyOf(hereChain));
        dirs.put(e.name(), sub);
        count += sub.count();
        troubles += sub.troubles();
      } else if (isManifest(e.name())) {
        files.add(e.name());
        fileIds.add(ids ? tree.contentId(path) : null);
        count++;
      }
    }
    return new Node(id, chain, FileIds.of(files, fileIds), dirs, problems, count,
        troubles + problems.size());
  }

  /** Whether a file of this name is read as manifests. */
  static boolean isManifest(String name) {
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /** A refused entry matters only if it holds manifests or may be a directory (no extension). */
  private static boolean couldHoldYaml(String name) {
    return isManifest(name) || name.indexOf('.') < 0;
  }

  static String join(String dir, String name) {
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
