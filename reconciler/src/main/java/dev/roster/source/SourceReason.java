package dev.roster.source;

import static dev.roster.failure.FailureKind.BAD_ARGUMENT;
import static dev.roster.failure.FailureKind.UNAVAILABLE;

import dev.roster.failure.FailureKind;
import dev.roster.failure.Reason;

/**
 * Why the source could not be read. Retryable means a retry can succeed with no new commit and no
 * new configuration (a repo or ref that appears, a token renewed, a host back): serve retries
 * these with backoff; only a bad URL or path, and a server Roster cannot speak to, stall.
 */
public enum SourceReason implements Reason {
  /** The repo is empty or not a usable Git URL. */
  INVALID_URL(false, BAD_ARGUMENT),
  /** The path has {@code .} or {@code ..} segments. */
  INVALID_PATH(false, BAD_ARGUMENT),
  /** The ref (branch, tag, commit) does not exist or does not name a commit. */
  REF_NOT_FOUND(true, BAD_ARGUMENT),
  /** The path is not a directory at that revision. */
  PATH_NOT_FOUND(false, BAD_ARGUMENT),
  /** A local repo directory does not exist. */
  ROOT_NOT_FOUND(true, BAD_ARGUMENT),
  /** The server's SSH host key is not in known_hosts. */
  HOST_KEY_UNKNOWN(true, UNAVAILABLE),
  /** The server refused the credentials, or none were given. */
  AUTHENTICATION_FAILED(true, UNAVAILABLE),
  /** A {@code ..._FILE} credential could not be read. */
  CREDENTIALS_UNREADABLE(true, UNAVAILABLE),
  /** The server has no such repository. */
  REPO_NOT_FOUND(true, UNAVAILABLE),
  /** The server speaks only Git's dumb HTTP protocol, which Roster does not read. */
  DUMB_HTTP_UNSUPPORTED(false, UNAVAILABLE),
  /** Reading from the mirror was asked before any fetch created it. */
  MIRROR_MISSING(true, UNAVAILABLE),
  /** No answer from the server (DNS, refused, timeout, transport error). */
  SOURCE_UNREACHABLE(true, UNAVAILABLE),
  /** The local mirror could not be created or read. */
  MIRROR_UNREADABLE(true, UNAVAILABLE),
  /** A local Git repository could not be read. */
  REPO_UNREADABLE(true, UNAVAILABLE),
  /** A local directory could not be listed. */
  ROOT_UNREADABLE(true, UNAVAILABLE),
  /** Any other Git failure. */
  GIT_FAILED(true, UNAVAILABLE);

  private final boolean retryable;
  private final FailureKind kind;

  SourceReason(boolean retryable, FailureKind kind) {
    this.retryable = retryable;
    this.kind = kind;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }

  @Override
  public FailureKind kind() {
    return kind;
  }

  @Override
  public String stage() {
    return "source";
  }
}
