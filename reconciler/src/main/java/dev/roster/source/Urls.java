package dev.roster.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Git URLs and removes credentials from them: the one URL detector and the one
 * redactor of the project. Every message that may name a URL goes through {@link #redact(String)}
 * before it is shown, logged, thrown, recorded in status or an Event, or used as a metric label.
 */
public final class Urls {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  /** scp-like {@code user@host:path}; a plain {@code host:path} is taken as a directory name. */
  private static final Pattern SCP = Pattern.compile("^[^/\\s:@]+@[^/\\s:@]+:.*");
  /**
   * A scheme, then userinfo (greedy up to the last {@code @} before the host). One slash is
   * enough: a URL taken for a path and normalised ({@code https:/user:pw@host/...}) still leaks.
   */
  private static final Pattern USERINFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(//?)([^/\\s]*)@");
  /** One query parameter: separator, name, value (up to the next separator, quote or space). */
  private static final Pattern PARAM =
      Pattern.compile("([?&;])([A-Za-z0-9_.~\\[\\]-]+)=([^&;#\\s\"'<>]*)");
  /** Names of query parameters that carry a credential (compared lower-cased). */
  private static final Pattern SECRET_PARAM = Pattern.compile(
      ".*(token|passw|secret|signature|credential|apikey|api_key|api-key).*"
          + "|key|sig|pwd|pass|auth|authorization|x-amz-.*|x-goog-.*");
  /** What a redacted query parameter value is replaced with. */
  public static final String REDACTED = "***";

  private Urls() {}

  /**
   * Whether {@code repo} is a Git URL ({@code https://}, {@code http://}, {@code ssh://}, {@code
   * git://}, {@code file://}, scp-like {@code git@host:path}) rather than a local directory.
   */
  public static boolean isUrl(String repo) {
    return repo != null && (SCHEME.matcher(repo).find() || SCP.matcher(repo).matches());
  }

  /**
   * {@code url} from its authority on, as one shape for both spellings: the scheme and {@code ://}
   * dropped ({@code https://u@host:8443/o/r} gives {@code u@host:8443/o/r}), an scp-like {@code
   * user@host:path} given as {@code user@host/path}; anything else unchanged. Userinfo and port
   * stay: callers that compare repositories strip them.
   */
  public static String fromAuthority(String url) {
    Matcher scheme = SCHEME.matcher(url);
    if (scheme.find()) {
      return url.substring(scheme.end());
    }
    if (SCP.matcher(url).matches()) {
      int colon = url.indexOf(':');
      return url.substring(0, colon) + "/" + url.substring(colon + 1);
    }
    return url;
  }

  /**
   * {@code text} with the credentials of every URL in it removed. For {@code http(s)} and the like
   * the whole userinfo goes (a user name may itself be a token); for {@code ssh} only a password
   * goes and the user name, which selects the account, stays. The value of every token-like query
   * parameter ({@code private_token}, {@code access_token}, {@code token}, {@code password},
   * {@code key}, {@code sig}, {@code X-Amz-Signature}..., any case) becomes {@link #REDACTED}.
   * Null stays null.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    return redactQuery(redactUserinfo(text));
  }

  /**
   * {@code url} without its token-like query parameters (dropped, not masked); a {@code ?} left
   * with nothing after it goes too. Text without such parameters comes back unchanged.
   */
  public static String withoutQuerySecrets(String url) {
    if (url == null || url.indexOf('?') < 0) {
      return url;
    }
    Matcher m = PARAM.matcher(url);
    StringBuilder out = new StringBuilder();
    boolean dropped = false;
    while (m.find()) {
      if (isSecretParam(m.group(2))) {
        m.appendReplacement(out, "");
        dropped = true;
      }
    }
    m.appendTail(out);
    if (!dropped) {
      return url;
    }
    return out.toString().replaceFirst("^([^?#]*)[&;]", "$1?").replaceFirst("\\?(?=#|$)", "");
  }

  private static boolean isSecretParam(String name) {
    return SECRET_PARAM.matcher(name.toLowerCase(Locale.ROOT)).matches();
  }

  private static String redactQuery(String text) {
    if (text.indexOf('=') < 0) {
      return text;
    }
    Matcher m = PARAM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = isSecretParam(m.group(2)) && !m.group(3).isEmpty() ? REDACTED : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String redactUserinfo(String text) {
    if (text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = USERINFO.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String scheme = m.group(1);
      String user = m.group(3);
      String keep = "";
      if (scheme.toLowerCase(Locale.ROOT).contains("ssh")) {
        int colon = user.indexOf(':');
        keep = (colon < 0 ? user : user.substring(0, colon)) + "@";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(scheme + ":" + m.group(2) + keep));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Directory name of the mirror of {@code url}: the SHA-256 of the redacted URL in hex, a dash,
   * and up to 40 readable characters from its last path segment ({@code a1b2…-config.git}).
   */
  public static String mirrorName(String url) {
    String clean = redact(url);
    String hash;
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(clean.getBytes(StandardCharsets.UTF_8));
      hash = HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
    String tail = clean.replaceAll("[/:]+$", "");
    tail = tail.substring(Math.max(tail.lastIndexOf('/'), tail.lastIndexOf(':')) + 1);
    tail = tail.replaceAll("[^A-Za-z0-9._-]", "_");
    if (tail.length() > 40) {
      tail = tail.substring(tail.length() - 40);
    }
    return tail.isEmpty() ? hash : hash + "-" + tail;
  }
}
