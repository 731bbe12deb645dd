/**
 * Notifications from {@code roster serve}: what a pass means for people, sent to chat, generic
 * webhooks and commit statuses.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li><b>What is sent.</b> A {@link dev.roster.serve.notify.Tracker} turns each finished pass
 *       into {@link dev.roster.serve.notify.Notice}s — reconcile failed (once per reason and
 *       revision, not every retry), recovered, mass prune refused, rollout held past a target's
 *       threshold, awaiting approval, forced — and, for a Git revision, the commit's {@link
 *       dev.roster.serve.notify.CommitState} (pending while changes are held, success, failure).
 *   <li><b>Where.</b> Each {@link dev.roster.serve.notify.NotifyTarget} is a generic JSON webhook
 *       (HMAC-SHA256 of the body in {@code X-Roster-Signature: sha256=<hex>} when it has a
 *       secret), a Slack-compatible incoming webhook ({@code {"text": ...}}), or a GitHub or
 *       GitLab commit status for the reconciled commit (token from its secret file). Webhook and
 *       Slack targets take the notices their {@code events} name (all when empty); commit-status
 *       targets take commit states only, one request per change of a commit's state.
 *   <li><b>Never blocking a reconcile.</b> {@link dev.roster.serve.notify.Notifier#observe} only
 *       queues: each target has its own bounded queue (the oldest is dropped when full, with a
 *       warning) and its own sender thread, a token bucket (rate limit), and retries with
 *       exponential backoff on network errors, 429 and 5xx; other answers are not retried.
 *   <li><b>Secrets never logged.</b> Targets print as type and host only (a Slack URL is a
 *       secret); secrets and request headers are never written anywhere but the request.
 * </ul>
 *
 * <p>This package does not import {@code dev.roster.serve}; serve adapts its pass reports into
 * {@link dev.roster.serve.notify.Pass}.
 */
package dev.roster.serve.notify;
