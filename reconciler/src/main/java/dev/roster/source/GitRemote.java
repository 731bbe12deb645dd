package dev.roster.source;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;

/**
 * Network operations on one remote URL: ls-remote, fetch. Every JGit failure comes out
 * as a {@link SourceException} built by {@link GitErrors}.
 */
final class GitRemote {
  static final String HEADS = "+refs/heads/*:refs/heads/*";
  static final String TAGS = "+refs/tags/*:refs/tags/*";
  private static final Set<String> SCHEMES =
      Set.of("http", "https", "ssh", "git", "file", "git+ssh", "ssh+git");

  private final String url;
  private final GitCredentials creds;
  private final int timeoutSeconds;

  GitRemote(String url, GitCredentials creds, int timeoutSeconds) {
    this.url = url;
    this.creds = creds;
    this.timeoutSeconds = timeoutSeconds;
    URIish u;
    try {
      u = new URIish(url);
    } catch (URISyntaxException e) {
      throw new SourceException("InvalidUrl", "'" + creds.scrub(url) + "' is not a Git URL",
          false, null);
    }
    String scheme = u.getScheme() == null ? "ssh" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || (!scheme.equals("file") && u.getHost() == null)) {
      throw new SourceException("InvalidUrl", "'" + creds.scrub(url) + "': unsupported Git URL"
          + " (use https://, http://, ssh://, git@host:path or file://)", false, null);
    }
  }

  /** All refs the server advertises, by name; HEAD is symbolic when the server says so. */
  Map<String, Ref> lsRemote() {
    try {
      var cmd = Git.lsRemoteRepository().setRemote(url).setTimeout(timeoutSeconds);
      creds.configure(cmd);
      return new HashMap<>(cmd.callAsMap());
    } catch (GitAPIException | JGitInternalException e) {
      throw GitErrors.wrap("ls-remote", url, e, creds);
    } catch (NullPointerException e) {
      if (GitErrors.dumbHttp(e)) {
        throw GitErrors.dumbHttp(url);
      }
      throw e;
    }
  }

  /**
   * Creates an empty bare mirror at {@code dir} recording the credential-free URL, the mirror
   * refspecs and {@code gc.autoDetach=false}, so that JGit's automatic gc after a fetch runs in
   * the caller's thread, under the mirror lock. (A {@code CloneCommand} would start that gc in a
   * detached background thread before the setting could be written.) The caller fetches next.
   */
  static void initMirror(Path dir, String url) {
    try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
      StoredConfig c = git.getRepository().getConfig();
      c.setString("remote", "origin", "url", Urls.redact(url));
      c.setStringList("remote", "origin", "fetch", List.of(HEADS, TAGS));
      c.setBoolean("gc", null, "autoDetach", false);
      c.save();
    } catch (GitAPIException | JGitInternalException | IOException e) {
      throw new SourceException("MirrorUnreadable", "failed to create the mirror " + dir
          + ": " + e.getMessage(), true, null);
    }
  }

  /** Fetches heads, tags and {@code extra} refspecs into {@code repo}, pruning deleted refs. */
  void fetch(Repository repo, List<String> extra) {
    List<RefSpec> specs = new ArrayList<>(List.of(new RefSpec(HEADS), new RefSpec(TAGS)));
    extra.forEach(s -> specs.add(new RefSpec(s)));
    try {
      var cmd = Git.wrap(repo).fetch().setRemote(url).setRefSpecs(specs)
          .setRemoveDeletedRefs(true).setTagOpt(TagOpt.NO_TAGS).setTimeout(timeoutSeconds);
      creds.configure(cmd);
      cmd.call();
    } catch (GitAPIException | JGitInternalException e) {
      throw GitErrors.wrap("fetch", url, e, creds);
    }
  }

  /** Asks for one commit by id (servers may refuse ids no ref advertises); null if refused. */
  ObjectId fetchCommit(Repository repo, String hash) throws IOException {
    String id = hash.toLowerCase(Locale.ROOT);
    try {
      fetch(repo, List.of("+" + id + ":refs/roster/commits/" + id));
    } catch (SourceException e) {
      if (e.reason().equals("RefNotFound")) {
        return null;
      }
      throw e;
    }
    return Refs.commit(repo, new Refs.Target(hash, ObjectId.fromString(id), null));
  }

  /** {@code ref} if it is a full ref name outside heads and tags (fetched alone); else null. */
  static String extraRef(String ref) {
    return ref != null && ref.startsWith(Constants.R_REFS) && !ref.startsWith(Constants.R_HEADS)
        && !ref.startsWith(Constants.R_TAGS) ? ref : null;
  }

  /** Whether {@code repo} has exactly the advertised heads and tags (and {@code extra} ref). */
  static boolean upToDate(Map<String, Ref> advertised, Repository repo, String extra)
      throws IOException {
    Map<String, ObjectId> want = new HashMap<>();
    for (Ref r : advertised.values()) {
      if (!r.isSymbolic() && r.getObjectId() != null && tracked(r.getName(), extra)) {
        want.put(r.getName(), r.getObjectId());
      }
    }
    Map<String, ObjectId> have = new HashMap<>();
    for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
      have.put(r.getName(), r.getObjectId());
    }
    Ref x = extra == null ? null : repo.exactRef(extra);
    if (x != null && !tracked(x.getName(), null)) {
      have.put(x.getName(), x.getObjectId());
    }
    return want.equals(have);
  }

  private static boolean tracked(String name, String extra) {
    return name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS)
        || name.equals(extra);
  }

  /** Points the mirror's HEAD at the branch the remote's HEAD names, if it says. */
  static void linkHead(Map<String, Ref> advertised, Repository repo) throws IOException {
    Ref head = advertised.get(Constants.HEAD);
    if (head == null || !head.isSymbolic()) {
      return;
    }
    String target = head.getTarget().getName();
    Ref mine = repo.exactRef(Constants.HEAD);
    if (mine == null || !mine.isSymbolic() || !mine.getTarget().getName().equals(target)) {
      RefUpdate u = repo.updateRef(Constants.HEAD);
      u.disableRefLog();
      u.link(target);
    }
  }
}
