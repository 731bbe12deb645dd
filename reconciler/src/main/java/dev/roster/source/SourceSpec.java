package dev.roster.source;

import java.nio.file.Path;

/**
 * Where desired state comes from.
 *
 * @param repo a Git URL (see {@link Urls#isUrl}) or a local directory; never blank
 * @param ref branch, tag, {@code refs/...} name or (abbreviated) commit hash; null means the
 *     remote's HEAD (for a directory: the files on disk)
 * @param path subdirectory of the repo to read, forward slashes, no leading or trailing slash;
 *     null means the root. {@code ..} segments are refused (InvalidPath)
 * @param cacheDir where bare mirrors live; null means {@link #defaultCacheDir()}
 */
public record SourceSpec(String repo, String ref, String path, Path cacheDir) {

  public SourceSpec {
    if (repo == null || repo.isBlank()) {
      throw new SourceException(SourceReason.INVALID_URL, "the repo is empty");
    }
    repo = repo.trim();
    ref = ref == null || ref.isBlank() ? null : ref.trim();
    path = normalisePath(path);
    cacheDir = cacheDir == null ? defaultCacheDir() : cacheDir;
  }

  /** A spec for the whole repo at its default ref, mirrored under the default cache. */
  public static SourceSpec of(String repo) {
    return new SourceSpec(repo, null, null, null);
  }

  /** Whether {@link #repo} is a URL (mirrored) rather than a local directory. */
  public boolean isRemote() {
    return Urls.isUrl(repo);
  }

  /** The same spec at another ref. */
  public SourceSpec withRef(String newRef) {
    return new SourceSpec(repo, newRef, path, cacheDir);
  }

  /** {@code $XDG_CACHE_HOME/roster/git}, else {@code ~/.cache/roster/git}. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("roster").resolve("git");
  }

  private static String normalisePath(String p) {
    if (p == null) {
      return null;
    }
    String s = p.trim().replace('\\', '/').replaceAll("/+", "/");
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    s = s.replaceAll("^/+|/+$", "");
    if (s.isEmpty() || s.equals(".")) {
      return null;
    }
    for (String seg : s.split("/")) {
      if (seg.equals("..") || seg.equals(".")) {
        throw new SourceException(
            SourceReason.INVALID_PATH, "path '" + p + "' must not contain '.' or '..' segments");
      }
    }
    return s;
  }
}
