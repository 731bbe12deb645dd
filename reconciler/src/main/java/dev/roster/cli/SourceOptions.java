package dev.roster.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Flags that choose the config repo; shared by plan, apply and serve. */
final class SourceOptions {
  @Option(names = "--repo", paramLabel = "URL|DIR", required = true,
      description = "Git URL (https, ssh, file) or local directory of the config repo.")
  String repo;

  @Option(names = "--ref", paramLabel = "REF",
      description = "Branch, tag or commit. Default: the remote HEAD.")
  String ref;

  @Option(names = "--path", paramLabel = "DIR",
      description = "Subdirectory of the repo holding the definitions.")
  String path;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where bare mirrors are kept. Default: $XDG_CACHE_HOME/roster/git or"
          + " ~/.cache/roster/git.")
  Path cacheDir;

  @Option(names = "--source-name", paramLabel = "NAME",
      description = "Name stamped on managed objects (roster.dev/source) and naming the inventory."
          + " Default: derived from --repo and --path; set it explicitly in CI.")
  String sourceName;

  /** The cache directory, or null for the default ({@link dev.roster.source.SourceSpec}). */
  Path cacheDir() {
    return cacheDir;
  }

  /**
   * The source name: {@code --source-name}, else the repo's last path segment plus {@code --path},
   * and for URLs a short hash of URL and path so two repos with the same name do not collide.
   */
  String sourceName() {
    if (sourceName != null) {
      return sourceName;
    }
    String clean = repo.replaceFirst("://[^@/]+@", "://");
    String r = clean.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
    String base = r.substring(Math.max(r.lastIndexOf('/'), r.lastIndexOf(':')) + 1);
    if (path != null && !path.isBlank()) {
      base = base + "-" + path;
    }
    base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (base.length() > 40) {
      base = base.substring(0, 40).replaceAll("-+$", "");
    }
    if (!isUrl(repo)) {
      return base.isEmpty() ? "repo" : base;
    }
    return (base.isEmpty() ? "repo" : base) + "-" + shortHash(clean + "#" + path);
  }

  static boolean isUrl(String repo) {
    return repo.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || repo.matches("^[^/\\\\]+@[^:]+:.*");
  }

  private static String shortHash(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
