package dev.roster.source;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;

/**
 * Turns JGit failures into {@link SourceException}s. The message and the attached cause chain are
 * rebuilt from redacted, token-scrubbed text: no URL userinfo or token survives, even in a printed
 * stack trace.
 */
final class GitErrors {
  private GitErrors() {}

  /** {@code e} raised while doing {@code action} (e.g. "fetch") on {@code url}. */
  static SourceException wrap(String action, String url, Throwable e, GitCredentials creds) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && chain.size() < 20; t = t.getCause()) {
      chain.add(t);
    }
    String text = detail(chain, creds).replace(Urls.redact(url) + ": ", "");
    String low = text.toLowerCase(Locale.ROOT);
    String where = action + " " + Urls.redact(url) + ": ";
    Throwable cause = sanitise(e, creds, 0);
    if (has(chain, URISyntaxException.class) || has(chain, NotSupportedException.class)
        || (has(chain, InvalidRemoteException.class) && !has(chain, TransportException.class))) {
      return new SourceException("InvalidUrl", where + "not a usable Git URL (" + text + ")",
          false, cause);
    }
    if (hostKeyRejected(chain) || low.contains("server key did not validate")) {
      return new SourceException("HostKeyUnknown", where + "the server's host key is not listed"
          + " in " + creds.knownHostsFile() + " (" + text + ")", false, cause);
    }
    if (low.contains("not authorized") || low.contains("authentication")
        || low.contains("auth fail") || low.contains("403 forbidden")
        || low.contains("credentialsprovider")) {
      return new SourceException("AuthenticationFailed", where + "authentication failed ("
          + text + ")", false, cause);
    }
    if (low.contains("want ") && low.contains("not valid")) {
      return new SourceException("RefNotFound", where + "the server does not serve that commit ("
          + text + ")", false, cause);
    }
    if (has(chain, UnknownHostException.class) || has(chain, ConnectException.class)
        || has(chain, SocketTimeoutException.class) || has(chain, NoRouteToHostException.class)
        || low.contains("connection refused") || low.contains("timed out")
        || low.contains("timeout")) {
      return new SourceException("SourceUnreachable", where + "cannot reach the server (" + text
          + ")", true, cause);
    }
    if (has(chain, NoRemoteRepositoryException.class) || low.contains("not found")) {
      return new SourceException("RepoNotFound", where + "no such repository (" + text + ")",
          false, cause);
    }
    if (has(chain, TransportException.class)) {
      return new SourceException("SourceUnreachable", where + text, true, cause);
    }
    return new SourceException("GitFailed", where + text, true, cause);
  }

  /**
   * Whether {@code e} is JGit failing to start a "dumb" HTTP fetch (a web server serving a bare
   * repository as static files) without a local repository, as ls-remote does.
   */
  static boolean dumbHttp(RuntimeException e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("org.eclipse.jgit.transport.")
          && (f.getMethodName().equals("newDumbConnection")
              || f.getClassName().endsWith(".WalkFetchConnection"))) {
        return true;
      }
    }
    return false;
  }

  /** The failure for a server that speaks only Git's dumb HTTP protocol. */
  static SourceException dumbHttp(String url) {
    return new SourceException("DumbHttpUnsupported", "ls-remote " + Urls.redact(url)
        + ": the server speaks only Git's \"dumb\" HTTP protocol (static files, no"
        + " git-upload-pack); serve the repository with smart HTTP (git http-backend or any Git"
        + " forge), SSH or file://", true, null);
  }

  private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
    return chain.stream().anyMatch(type::isInstance);
  }

  private static boolean hostKeyRejected(List<Throwable> chain) {
    return chain.stream().anyMatch(t -> t instanceof SshException s
        && s.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE);
  }

  /** Distinct messages of the chain, outermost first, redacted and scrubbed. */
  private static String detail(List<Throwable> chain, GitCredentials creds) {
    List<String> parts = new ArrayList<>();
    for (Throwable t : chain) {
      String m = creds.scrub(t.getMessage() == null ? t.getClass().getSimpleName()
          : t.getMessage());
      if (parts.stream().noneMatch(p -> p.contains(m))) {
        parts.add(m);
      }
    }
    return String.join(": ", parts);
  }

  /** A copy of {@code t}'s chain with scrubbed messages and the original stack traces. */
  private static Throwable sanitise(Throwable t, GitCredentials creds, int depth) {
    if (t == null || depth > 20) {
      return null;
    }
    String m = t.getMessage() == null ? "" : ": " + creds.scrub(t.getMessage());
    Redacted copy = new Redacted(t.getClass().getName() + m, sanitise(t.getCause(), creds,
        depth + 1));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** Stands in for a JGit exception; prints as the original class name and scrubbed message. */
  static final class Redacted extends Exception {
    Redacted(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
