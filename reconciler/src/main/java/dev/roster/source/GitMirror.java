package dev.roster.source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Keeps one bare mirror per URL under {@link SourceSpec#cacheDir()}, named by {@link
 * Urls#mirrorName}; it holds the remote's heads and tags as {@code refs/heads/*} and {@code
 * refs/tags/*}, and HEAD names the remote's default branch. Never checks out a working tree.
 * Thread-safe: work on one mirror is serialised by {@link MirrorLock}, within this process and
 * across processes. Open repositories are cached until {@link #close()}.
 */
public final class GitMirror implements AutoCloseable {
  private final GitCredentials creds;
  private final int timeoutSeconds;
  private final Map<Path, Repository> open = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, Boolean> requests = (type, ok) -> {};

  /** A mirror with a 60-second network timeout. */
  public GitMirror(GitCredentials creds) {
    this(creds, Duration.ofSeconds(60));
  }

  public GitMirror(GitCredentials creds, Duration timeout) {
    GitCaches.install();
    this.creds = creds;
    this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
  }

  /**
   * Tells {@code listener} about every network request this mirror makes: {@code ls-remote} or
   * {@code fetch} (a commit asked for by id counts as a fetch), and whether it succeeded. Called
   * on the requesting thread; it must be quick and must not throw.
   */
  public void onRequest(BiConsumer<String, Boolean> listener) {
    this.requests = listener;
  }

  /** The mirror directory for {@code spec}'s URL. */
  public Path directory(SourceSpec spec) {
    return spec.cacheDir().resolve(Urls.mirrorName(spec.repo())).toAbsolutePath().normalize();
  }

  /**
   * The commit {@code spec.ref()} names on the server, by ls-remote alone (no mirror needed). A
   * full commit hash is returned as is; an abbreviated one must prefix an advertised commit.
   * Annotated tags give the commit when the server advertises it peeled, else the tag object.
   */
  public String lsRemote(SourceSpec spec) {
    Map<String, Ref> adv = counted("ls-remote", () -> remote(spec).lsRemote());
    Refs.Target t = Refs.advertised(adv, spec.ref());
    if (t == null && Refs.isHash(spec.ref())) {
      t = Refs.advertisedHash(adv, spec.ref());
    }
    if (t != null) {
      return (t.peeled() != null ? t.peeled() : t.id()).name();
    }
    throw notFound(spec);
  }

  /**
   * Brings the mirror up to date and resolves {@code spec.ref()}. ls-remote first; with no
   * mirror yet, create it and fetch (removed again if that first fetch fails); otherwise fetch
   * (heads, tags, prune) only when the advertised heads and tags differ from the mirror's. A
   * commit hash is then looked up in the mirror, and a full one it lacks is asked for by id.
   * RefNotFound when nothing matches.
   */
  public SyncResult sync(SourceSpec spec) {
    GitRemote remote = remote(spec);
    Path dir = directory(spec);
    String extra = GitRemote.extraRef(spec.ref());
    return locked(dir, () -> {
      Map<String, Ref> adv = counted("ls-remote", remote::lsRemote);
      boolean fetched = false;
      Repository repo = openIfValid(dir);
      boolean created = repo == null;
      if (created) {
        GitRemote.initMirror(dir, spec.repo());
        repo = openIfValid(dir);
      }
      if (created || !GitRemote.upToDate(adv, repo, extra)) {
        Repository into = repo;
        try {
          counted("fetch", () -> {
            remote.fetch(into, extra == null ? List.of() : List.of("+" + extra + ":" + extra));
            return null;
          });
        } catch (SourceException e) {
          if (created) {
            forget(dir);
          }
          throw e;
        }
        fetched = true;
      }
      GitRemote.linkHead(adv, repo);
      Refs.Target t = Refs.advertised(adv, spec.ref());
      if (t == null && Refs.isHash(spec.ref())) {
        t = Refs.local(repo, spec.ref());
      }
      ObjectId commit = t == null ? null : Refs.commit(repo, t);
      if (commit == null && Refs.isHash(spec.ref()) && spec.ref().length() == 40) {
        Repository into = repo;
        commit = counted("fetch", () -> remote.fetchCommit(into, spec.ref()));
        t = new Refs.Target(spec.ref(), commit, null);
        fetched = true;
      }
      if (commit == null) {
        throw notFound(spec);
      }
      return new SyncResult(t.label(), commit.name(), fetched);
    });
  }

  /** Resolves {@code spec.ref()} in the existing mirror without network; empty if it cannot. */
  public Optional<SyncResult> resolveOffline(SourceSpec spec) {
    Path dir = directory(spec);
    return locked(dir, () -> {
      Repository repo = openIfValid(dir);
      Refs.Target t = repo == null ? null : Refs.local(repo, spec.ref());
      ObjectId commit = t == null ? null : Refs.commit(repo, t);
      return Optional.ofNullable(commit).map(c -> new SyncResult(t.label(), c.name(), false));
    });
  }

  /** The open mirror repository for {@code spec}; SourceException MirrorMissing if none. */
  public Repository repository(SourceSpec spec) {
    Path dir = directory(spec);
    Repository repo = locked(dir, () -> openIfValid(dir));
    if (repo == null) {
      throw new SourceException(SourceReason.MIRROR_MISSING,
          "no mirror of " + Urls.redact(spec.repo()) + " yet; sync first");
    }
    return repo;
  }

  /** A network request that may throw {@code E}. */
  private interface Request<T, E extends Exception> {
    T call() throws E;
  }

  private <T, E extends Exception> T counted(String type, Request<T, E> request) throws E {
    boolean ok = false;
    try {
      T t = request.call();
      ok = true;
      return t;
    } finally {
      requests.accept(type, ok);
    }
  }

  private void forget(Path dir) throws IOException {
    Repository repo = open.remove(dir);
    if (repo != null) {
      repo.close();
    }
    Repos.deleteRecursively(dir);
  }

  @Override
  public void close() {
    open.values().forEach(Repository::close);
    open.clear();
  }

  private GitRemote remote(SourceSpec spec) {
    if (!spec.isRemote()) {
      throw new SourceException(SourceReason.INVALID_URL, "'" + spec.repo() + "' is not a Git URL");
    }
    return new GitRemote(spec.repo(), creds, timeoutSeconds);
  }

  private SourceException notFound(SourceSpec spec) {
    String what = spec.ref() == null ? "the remote HEAD (empty repository?)" : "'" + spec.ref()
        + "'";
    return new SourceException(SourceReason.REF_NOT_FOUND, "ref " + what + " not found in "
        + Urls.redact(spec.repo()));
  }

  /** The cached repository at {@code dir}; a leftover that is not a repository is removed. */
  private Repository openIfValid(Path dir) throws IOException {
    boolean valid = Repos.isGitDir(dir);
    Repository repo = open.get(dir);
    if (repo != null && valid) {
      return repo;
    }
    open.remove(dir);
    if (valid) {
      return open.computeIfAbsent(dir, Repos::open);
    }
    Repos.deleteRecursively(dir);
    return null;
  }

  private <T> T locked(Path dir, MirrorLock.Body<T> body) {
    try {
      return MirrorLock.with(dir, body);
    } catch (IOException e) {
      throw new SourceException(SourceReason.MIRROR_UNREADABLE, "failed to use the mirror "
          + dir.getFileName() + ": " + creds.scrub(String.valueOf(e.getMessage())));
    }
  }
}
