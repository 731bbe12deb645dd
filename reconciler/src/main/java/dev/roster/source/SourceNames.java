package dev.roster.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The default source name of a repo and path, when none is given ({@code --source-name}).
 *
 * <p>Contract: the name is inventory identity (the {@code roster.dev/source} label and the
 * inventory ConfigMap name), so these rules are frozen: the same {@code repo} and {@code path}, as
 * typed, give the same name in every release. It is the repo's last path segment without {@code
 * .git}, plus the path, lower-cased to {@code [a-z0-9-]}, at most 40 characters; for URLs a dash
 * and 6 hex digits of the SHA-256 of the URL (userinfo removed) and path follow, so two repos with
 * the same last segment do not collide. Token-like query parameters ({@link Urls#redact}) are
 * left out before anything is derived, so no secret reaches a name and rotating a token keeps it.
 * Pinned by {@code SourceNamesTest}.
 */
public final class SourceNames {
  private SourceNames() {}

  /** The name derived from {@code repo} and {@code path} (either as typed; path may be null). */
  public static String derive(String repo, String path) {
    String clean = Urls.withoutQuerySecrets(repo).replaceFirst("://[^@/]+@", "://");
    String r = clean.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
    String base = r.substring(Math.max(r.lastIndexOf('/'), r.lastIndexOf(':')) + 1);
    if (path != null && !path.isBlank()) {
      base = base + "-" + path;
    }
    base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (base.length() > 40) {
      base = base.substring(0, 40).replaceAll("-+$", "");
    }
    if (base.isEmpty()) {
      base = "repo";
    }
    return Urls.isUrl(repo) ? base + "-" + shortHash(clean + "#" + path) : base;
  }

  private static String shortHash(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
