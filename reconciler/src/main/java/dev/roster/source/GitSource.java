package dev.roster.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Turns a {@link SourceSpec} into a {@link Snapshot}.
 *
 * <ul>
 *   <li>URL: the bare mirror is synced ({@link GitMirror#sync}) and the commit read from it as a
 *       {@link GitTree}; revision {@code <ref>@sha1:<40-hex>}, repo the URL without credentials.
 *   <li>Directory without ref: the files on disk ({@link DirectoryTree}); revision {@code
 *       dir:<dir>@sha256:<12-hex>}, a digest of the files ({@link DirectoryDigest}), so each edit
 *       is a new revision.
 *   <li>Directory with ref: the directory must be a Git repository (working copy or bare); the ref
 *       is read from its object store, never from the working tree.
 * </ul>
 *
 * <p>Thread-safe. Snapshots read from repositories this source keeps open until {@link #close()}.
 */
public final class GitSource implements AutoCloseable {
  private final GitMirror mirror;
  private final Map<Path, Repository> local = new ConcurrentHashMap<>();

  /** A source using {@link GitCredentials#fromEnvironment()}. */
  public GitSource() {
    this(GitCredentials.fromEnvironment());
  }

  public GitSource(GitCredentials credentials) {
    this(new GitMirror(credentials));
  }

  public GitSource(GitMirror mirror) {
    this.mirror = mirror;
  }

  /** The mirror manager behind this source. */
  public GitMirror mirror() {
    return mirror;
  }

  /** Reads {@code spec} as of now (syncing the mirror for a URL). */
  public Snapshot snapshot(SourceSpec spec) {
    if (!spec.isRemote()) {
      return local(spec);
    }
    return remote(spec, mirror.sync(spec));
  }

  /**
   * Reads another revision of the same repo, e.g. a base to diff against. For a URL the ref is
   * resolved in the existing mirror without network when it can be (right after {@link
   * #snapshot} the mirror holds every advertised head and tag); otherwise the mirror is synced.
   */
  public Snapshot at(SourceSpec spec, String ref) {
    SourceSpec other = spec.withRef(ref);
    if (!other.isRemote()) {
      return local(other);
    }
    SyncResult r = mirror.resolveOffline(other).orElseGet(() -> mirror.sync(other));
    return remote(other, r);
  }

  private Snapshot remote(SourceSpec spec, SyncResult r) {
    Repository repo = mirror.repository(spec);
    GitTree tree = new GitTree(repo, ObjectId.fromString(r.commit()), spec.path());
    return new Snapshot(tree, r.revision(), Urls.redact(spec.repo()));
  }

  private Snapshot local(SourceSpec spec) {
    Path dir = Path.of(spec.repo());
    if (spec.ref() == null) {
      Path root = spec.path() == null ? dir : dir.resolve(spec.path());
      if (spec.path() != null && Files.isDirectory(dir) && !Files.isDirectory(root)) {
        throw new SourceException(SourceReason.PATH_NOT_FOUND,
            "path '" + spec.path() + "' is not a directory in '" + dir + "'");
      }
      return new Snapshot(new DirectoryTree(root), DirectoryDigest.revision(dir.toString(), root),
          dir.toString());
    }
    Path gitDir = Repos.gitDirOf(dir);
    if (gitDir == null) {
      throw new SourceException(SourceReason.REF_NOT_FOUND,
          "'" + dir + "' is not a Git repository, so ref '" + spec.ref()
          + "' cannot be read from it");
    }
    Repository repo = local.computeIfAbsent(gitDir.toAbsolutePath().normalize(), Repos::open);
    try {
      Refs.Target t = Refs.local(repo, spec.ref());
      ObjectId commit = t == null ? null : Refs.commit(repo, t);
      if (commit == null) {
        throw new SourceException(SourceReason.REF_NOT_FOUND,
            "ref '" + spec.ref() + "' not found in '" + dir + "'" + shallowHint(gitDir));
      }
      GitTree tree = new GitTree(repo, commit, spec.path());
      return new Snapshot(tree, t.label() + "@sha1:" + commit.name(), dir.toString());
    } catch (IOException e) {
      throw new SourceException(SourceReason.REPO_UNREADABLE, "failed to read '" + dir + "': "
          + e.getMessage(), e);
    }
  }

  /**
   * For a shallow clone (its Git directory has a {@code shallow} file), what fixes a ref that
   * is missing because the history was not fetched; else empty.
   */
  static String shallowHint(Path gitDir) {
    if (!Files.exists(gitDir.resolve("shallow"))) {
      return "";
    }
    return ": this is a shallow clone, so older commits and other branches are missing; run"
        + " 'git fetch --unshallow' (or 'git fetch origin <branch>'), or in GitHub Actions check"
        + " out with 'fetch-depth: 0' (GitLab CI: GIT_DEPTH: 0)";
  }

  @Override
  public void close() {
    mirror.close();
    local.values().forEach(Repository::close);
    local.clear();
  }
}
