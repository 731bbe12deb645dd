/**
 * Push webhooks for {@code roster serve}: a Git host tells Roster that a source's repository
 * moved, and Roster queues a reconcile of that source sooner than its poll would.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li><b>Verify first.</b> A delivery is checked against the source's secret before its body
 *       is parsed ({@link dev.roster.serve.webhook.WebhookVerifier}: GitHub {@code
 *       X-Hub-Signature-256} only, GitLab {@code X-Gitlab-Token}, Gitea/Forgejo and Bitbucket
 *       HMAC-SHA256, generic {@code X-Roster-Signature}), in constant time. No secret configured,
 *       a missing or a wrong signature: 401 and nothing queued.
 *   <li><b>Never reconcile in the request.</b> A push to the tracked ref of the source's
 *       repository calls {@link dev.roster.serve.webhook.WebhookTarget#enqueue}, whose queue
 *       coalesces per source, and is answered 202 at once. The payload only says "look now":
 *       the reconcile reads the ref itself (ls-remote), so a forged or stale commit id in a body
 *       cannot choose what is applied.
 *   <li><b>Bounded work per request.</b> The body is read up to a cap (1 MiB, then 413). Each
 *       endpoint ({@code /hooks/<source>}, and {@code /hooks}) has a token bucket (burst 20, 5
 *       per second): over it, 429 with {@code Retry-After}, before the body is read. Coalescing
 *       already bounds reconciles; the limiter bounds the CPU spent reading and verifying. A
 *       flood can make a genuine delivery be refused, which polling then makes up for.
 *   <li><b>Every request is recorded</b> as a {@link dev.roster.serve.webhook.Delivery}
 *       (received, matched, and why ignored or refused), never with secret, signature or body,
 *       so "the webhook did not trigger" can be answered from status.
 * </ul>
 *
 * <p>Routes: {@code POST /hooks/<source>} concerns one source; {@code POST /hooks} concerns every
 * source whose secret verifies the delivery and whose repository URL matches the payload's
 * ({@link dev.roster.serve.webhook.RepoUrls}). Providers are told apart by their headers
 * ({@link dev.roster.serve.webhook.WebhookVerifier#select}); pushes become {@link
 * dev.roster.serve.webhook.PushEvent}s. Servers for these endpoints come from {@link
 * dev.roster.serve.webhook.HttpServers} (TCP_NODELAY, worker pool).
 */
package dev.roster.serve.webhook;
