package dev.roster.source;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read straight from a repository's object store (no checkout),
 * optionally rooted at a subdirectory. Symlinks and submodules (gitlinks) are listed as {@link
 * Type#REFUSED}. Thread-safe; the repository must stay open while the tree is used.
 */
public final class GitTree implements SourceTree {
  static final String SYMLINK = "symlink in Git tree; not read";
  static final String SUBMODULE = "submodule; not read";

  private final Repository repo;
  private final ObjectId commit;
  private final ObjectId root;
  private final Map<String, Dir> dirs = new HashMap<>();

  /**
   * The tree of {@code commit}, or of its subdirectory {@code path} (null for the root). Throws
   * SourceException PathNotFound if {@code path} is not a directory in that commit.
   */
  public GitTree(Repository repo, ObjectId commit, String path) {
    this.repo = repo;
    this.commit = commit.copy();
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId top = walk.parseCommit(commit).getTree().getId();
      if (path == null || path.isEmpty()) {
        this.root = top;
        return;
      }
      try (TreeWalk tw = TreeWalk.forPath(repo, path, top)) {
        if (tw == null || !FileMode.TREE.equals(tw.getFileMode(0))) {
          throw new SourceException(SourceReason.PATH_NOT_FOUND,
              "path '" + path + "' is not a directory in commit " + commit.name());
        }
        this.root = tw.getObjectId(0);
      }
    } catch (IOException e) {
      throw new SourceException(SourceReason.MIRROR_UNREADABLE,
          "failed to read commit " + commit.name() + ": " + e.getMessage(), e);
    }
  }

  /** The commit this tree belongs to. */
  public ObjectId commit() {
    return commit;
  }

  /** The id of the tree object at this tree's root (the subdirectory when a path was given). */
  public ObjectId treeId() {
    return root;
  }

  /**
   * The Git object id: the blob of a regular or executable file, the tree of a directory; null
   * for anything else (symlinks, submodules, missing paths). Reads only the trees on the way to
   * {@code path}, so a caller comparing ids directory by directory never lists the rest.
   */
  @Override
  public String contentId(String path) throws IOException {
    if (path.isEmpty()) {
      return root.name();
    }
    int slash = path.lastIndexOf('/');
    Dir parent = dir(slash < 0 ? "" : path.substring(0, slash));
    if (parent == null) {
      return null;
    }
    String name = path.substring(slash + 1);
    ObjectId id = parent.files().getOrDefault(name, parent.dirs().get(name));
    return id == null ? null : id.name();
  }

  /**
   * One directory as read from its tree object: ids of its regular files and subdirectories by
   * name, and its entries sorted by name.
   */
  private record Dir(Map<String, ObjectId> files, Map<String, ObjectId> dirs,
      List<Entry> entries) {}

  /** The directory at {@code path}, read on first use; null if there is none. */
  private synchronized Dir dir(String path) throws IOException {
    Dir known = dirs.get(path);
    if (known != null || dirs.containsKey(path)) {
      return known;
    }
    ObjectId id = root;
    if (!path.isEmpty()) {
      int slash = path.lastIndexOf('/');
      Dir parent = dir(slash < 0 ? "" : path.substring(0, slash));
      id = parent == null ? null : parent.dirs().get(path.substring(slash + 1));
    }
    Dir d = id == null ? null : read(id);
    dirs.put(path, d);
    return d;
  }

  private Dir read(ObjectId tree) throws IOException {
    Map<String, ObjectId> files = new HashMap<>();
    Map<String, ObjectId> subdirs = new HashMap<>();
    List<Entry> entries = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(tree);
      tw.setRecursive(false);
      while (tw.next()) {
        FileMode mode = tw.getFileMode(0);
        String name = tw.getNameString();
        entries.add(entry(name, mode));
        if (FileMode.TREE.equals(mode)) {
          subdirs.put(name, tw.getObjectId(0));
        } else if (FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode)) {
          files.put(name, tw.getObjectId(0));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return new Dir(files, subdirs, List.copyOf(entries));
  }

  @Override
  public List<Entry> list(String dir) throws IOException {
    Dir known = dir(dir);
    if (known != null) {
      return new ArrayList<>(known.entries());
    }
    try (ObjectReader reader = repo.newObjectReader()) {
      find(reader, dir, true); // not a directory: throws as TreeWalk finds it
    }
    throw new NotDirectoryException(dir);
  }

  private static Entry entry(String name, FileMode mode) {
    return switch (mode.getObjectType()) {
      case Constants.OBJ_TREE -> new Entry(name, Type.DIRECTORY, null);
      case Constants.OBJ_COMMIT -> new Entry(name, Type.REFUSED, SUBMODULE);
      default -> FileMode.SYMLINK.equals(mode) ? new Entry(name, Type.REFUSED, SYMLINK)
          : new Entry(name, Type.FILE, null);
    };
  }

  @Override
  public long size(String path) throws IOException {
    try (ObjectReader reader = repo.newObjectReader()) {
      return reader.open(find(reader, path, false), Constants.OBJ_BLOB).getSize();
    }
  }

  @Override
  public byte[] read(String path) throws IOException {
    try (ObjectReader reader = repo.newObjectReader()) {
      return reader.open(find(reader, path, false), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE
          - 8);
    } catch (LargeObjectException e) {
      throw new IOException(path + ": too large to read", e);
    }
  }

  /** The object at {@code path}: a tree if {@code dir}, else a regular or executable file. */
  private ObjectId find(ObjectReader reader, String path, boolean dir) throws IOException {
    int slash = path.lastIndexOf('/');
    Dir parent = path.isEmpty() ? null : dir(slash < 0 ? "" : path.substring(0, slash));
    ObjectId known = parent == null ? null
        : (dir ? parent.dirs() : parent.files()).get(path.substring(slash + 1));
    if (known != null) {
      return known;
    }
    try (TreeWalk tw = TreeWalk.forPath(reader, path, root)) {
      if (tw == null) {
        throw new NoSuchFileException(path);
      }
      FileMode mode = tw.getFileMode(0);
      if (dir != FileMode.TREE.equals(mode)) {
        throw dir ? new NotDirectoryException(path) : new IOException(path + ": is a directory");
      }
      if (FileMode.SYMLINK.equals(mode) || FileMode.GITLINK.equals(mode)) {
        throw new IOException(path + ": " + (FileMode.SYMLINK.equals(mode) ? SYMLINK : SUBMODULE));
      }
      return tw.getObjectId(0);
    }
  }
}
