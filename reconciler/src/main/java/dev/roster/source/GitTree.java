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
  private Index index;

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
   * for anything else (symlinks, submodules, missing paths).
   */
  @Override
  public String contentId(String path) throws IOException {
    if (path.isEmpty()) {
      return root.name();
    }
    Index ix = index();
    ObjectId id = ix.files().getOrDefault(path, ix.dirs().get(path));
    return id == null ? null : id.name();
  }

  /**
   * Ids of every regular file and directory below the root, by path, and the entries of every
   * directory (the root is {@code ""}), sorted by name.
   */
  private record Index(Map<String, ObjectId> files, Map<String, ObjectId> dirs,
      Map<String, List<Entry>> entries) {}

  /** The index, made on first use by one walk of the whole tree. */
  private synchronized Index index() throws IOException {
    if (index == null) {
      Map<String, ObjectId> files = new HashMap<>();
      Map<String, ObjectId> dirs = new HashMap<>();
      Map<String, List<Entry>> entries = new HashMap<>();
      entries.put("", new ArrayList<>());
      try (TreeWalk tw = new TreeWalk(repo)) {
        tw.addTree(root);
        tw.setRecursive(false);
        while (tw.next()) {
          FileMode mode = tw.getFileMode(0);
          String path = tw.getPathString();
          int slash = path.lastIndexOf('/');
          entries.get(slash < 0 ? "" : path.substring(0, slash))
              .add(entry(tw.getNameString(), mode));
          if (FileMode.TREE.equals(mode)) {
            dirs.put(path, tw.getObjectId(0));
            entries.put(path, new ArrayList<>());
            tw.enterSubtree();
          } else if (FileMode.REGULAR_FILE.equals(mode)
              || FileMode.EXECUTABLE_FILE.equals(mode)) {
            files.put(path, tw.getObjectId(0));
          }
        }
      }
      entries.values().forEach(l -> l.sort(Comparator.comparing(Entry::name)));
      index = new Index(files, dirs, entries);
    }
    return index;
  }

  @Override
  public List<Entry> list(String dir) throws IOException {
    List<Entry> known = index().entries().get(dir);
    if (known != null) {
      return new ArrayList<>(known);
    }
    List<Entry> out = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(find(reader, dir, true)); // not a directory: throws as TreeWalk finds it
      tw.setRecursive(false);
      while (tw.next()) {
        out.add(entry(tw.getNameString(), tw.getFileMode(0)));
      }
    }
    out.sort(Comparator.comparing(Entry::name));
    return out;
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
    ObjectId known = (dir ? index().dirs() : index().files()).get(path);
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
