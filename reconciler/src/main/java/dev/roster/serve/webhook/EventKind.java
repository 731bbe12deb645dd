package dev.roster.serve.webhook;

/** What a delivery is about, as far as Roster cares. */
public enum EventKind {
  /** Refs moved (branch or tag push, including a provider's "test" push). */
  PUSH,
  /** The provider checks that the endpoint answers (GitHub {@code ping}, Bitbucket Server
   * {@code diagnostics:ping}); answered 200 and never queued. */
  PING,
  /** Anything else (pull requests, issues, comments…); answered 202 ignored. */
  OTHER
}
