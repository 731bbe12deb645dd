package dev.roster.serve.webhook;

import dev.roster.source.Urls;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether two spellings of a repository URL name the same repository, so a payload's
 * URLs can be matched to a source's. Ignored: the scheme, userinfo, port, the case of host and
 * path (GitHub, GitLab, Gitea and Bitbucket treat repository paths case-insensitively), a {@code
 * .git} suffix, repeated and trailing slashes, and query or fragment. An scp-like {@code
 * git@host:owner/repo} equals {@code https://host/owner/repo}. Scheme and scp-like forms are
 * recognised by {@link Urls} (the one URL detector).
 */
public final class RepoUrls {
  private RepoUrls() {}

  /**
   * The comparable form {@code host/path} in lower case ({@code github.com/owner/repo}); null for
   * null or blank.
   */
  public static String normalise(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.trim();
    String rest = Urls.fromAuthority(s);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    authority = authority.startsWith("[")
        ? authority.substring(0, authority.indexOf(']') + 1)
        : authority.replaceFirst(":.*$", "");
    path = path.replaceFirst("[?#].*$", "").replaceAll("/{2,}", "/");
    path = path.replaceAll("/+$", "");
    if (path.toLowerCase(Locale.ROOT).endsWith(".git")) {
      path = path.substring(0, path.length() - 4).replaceAll("/+$", "");
    }
    return (authority + path).toLowerCase(Locale.ROOT);
  }

  /** Whether {@code a} and {@code b} name the same repository; false if either is blank. */
  public static boolean same(String a, String b) {
    String na = normalise(a);
    return na != null && na.equals(normalise(b));
  }

  /** Whether any URL in {@code a} names the same repository as any URL in {@code b}. */
  public static boolean anyMatch(Collection<String> a, Collection<String> b) {
    return a.stream().filter(Objects::nonNull)
        .anyMatch(x -> b.stream().filter(Objects::nonNull).anyMatch(y -> same(x, y)));
  }
}
