package dev.roster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare Git repository holding a generated config repo on branch {@code main}, served to Roster
 * as a {@code file://} remote. Commits are written straight to the object store (no working tree,
 * no checkout), so committing a one-file change costs milliseconds even at 10,000 files. Its index
 * is read from the last commit for each change and then dropped, so that the measured JVM's heap
 * holds no copy of the repo beside serve's.
 */
final class BenchRepo implements AutoCloseable {
  private static final PersonIdent WHO = new PersonIdent("Bench", "bench@roster.dev");
  private final Repository repo;
  private ObjectId head;

  private BenchRepo(Repository repo) {
    this.repo = repo;
  }

  /** A bare repository at {@code dir} whose first commit holds every file under {@code files}. */
  static BenchRepo create(Path dir, Path files) throws IOException {
    Repository repo = FileRepositoryBuilder.create(dir.toFile());
    repo.create(true);
    BenchRepo r = new BenchRepo(repo);
    List<Path> all;
    try (Stream<Path> s = Files.walk(files)) {
      all = s.filter(Files::isRegularFile).sorted().toList();
    }
    DirCache index = DirCache.newInCore();
    DirCacheBuilder b = index.builder();
    try (ObjectInserter ins = repo.newObjectInserter()) {
      for (Path f : all) {
        DirCacheEntry e = new DirCacheEntry(files.relativize(f).toString().replace('\\', '/'));
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(ins.insert(Constants.OBJ_BLOB, Files.readAllBytes(f)));
        b.add(e);
      }
      b.finish();
      r.commit(ins, index, "generated repo");
    }
    try {
      Git.wrap(repo).gc().call(); // pack the loose objects: serving them stays cheap
    } catch (GitAPIException e) {
      throw new IOException("cannot pack the bench repo: " + e.getMessage(), e);
    }
    return r;
  }

  /** The {@code file://} URL to clone it from. */
  String url() {
    return "file://" + repo.getDirectory().getAbsolutePath();
  }

  /** The commit {@code main} points at. */
  String head() {
    return head.name();
  }

  /** Commits {@code path} with new contents on {@code main}; returns the commit id. */
  String change(String path, String contents) throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId blob = ins.insert(Constants.OBJ_BLOB, contents.getBytes(StandardCharsets.UTF_8));
      DirCache index = DirCache.newInCore();
      try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        DirCacheBuilder b = index.builder();
        b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(head).getTree());
        b.finish();
      }
      DirCacheEditor ed = index.editor();
      ed.add(new DirCacheEditor.PathEdit(path) {
        @Override
        public void apply(DirCacheEntry e) {
          e.setFileMode(FileMode.REGULAR_FILE);
          e.setObjectId(blob);
        }
      });
      ed.finish();
      return commit(ins, index, "change " + path).name();
    }
  }

  private ObjectId commit(ObjectInserter ins, DirCache index, String message)
      throws IOException {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(index.writeTree(ins));
    if (head != null) {
      c.setParentId(head);
    }
    c.setAuthor(WHO);
    c.setCommitter(WHO);
    c.setMessage(message);
    ObjectId id = ins.insert(c);
    ins.flush();
    RefUpdate u = repo.updateRef("refs/heads/main");
    u.setNewObjectId(id);
    u.setForceUpdate(true);
    RefUpdate.Result res = u.update();
    if (res != RefUpdate.Result.NEW && res != RefUpdate.Result.FORCED
        && res != RefUpdate.Result.FAST_FORWARD) {
      throw new IOException("cannot move main: " + res);
    }
    if (head == null) {
      repo.getRefDatabase().newUpdate(Constants.HEAD, false).link("refs/heads/main");
    }
    head = id;
    return id;
  }

  @Override
  public void close() {
    repo.close();
  }
}
