/**
 * Status: what Roster reports about each source, to people ({@code roster status}, {@code
 * kubectl}) and to the serve loop — Flux-style conditions, a bounded reconcile history, and
 * Kubernetes Events.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link dev.roster.status.SourceStatus} is a value; {@link dev.roster.status.StatusReducer}
 *       computes the next one from the previous one and a {@link
 *       dev.roster.status.ReconcileRecord}, purely. Success: {@code Ready=True/
 *       ReconciliationSucceeded}, {@code Stalled} removed. Failure: {@code Ready=False} with the
 *       failure's reason, and {@code Stalled=True} when retrying the same revision cannot help
 *       ({@code ValidationFailed}, {@code PruneRefused}, or the caller says so), else {@code
 *       Stalled=False}. {@code DriftDetected} is not ready but not stalled; {@code Suspended}
 *       changes only Ready's reason. A failure keeps {@code lastAppliedRevision}: the last good
 *       state stays live. History keeps the last 10 reconciles, newest first.
 *   <li>Condition types, statuses and reasons are the constants of {@link
 *       dev.roster.status.Conditions}. Messages are lower-case, without a trailing period, values
 *       in single quotes: {@code applied revision 'main@sha1:<hash>'}. A condition's {@code
 *       lastTransitionTime} changes only when its status flips.
 *   <li>{@link dev.roster.status.StatusStore} keeps one JSON document per source in a ConfigMap
 *       {@code roster-status-<source>} labelled {@code roster.dev/status=true}; writes are
 *       optimistic and retried on conflict. It replaces what it wrote last at the
 *       resourceVersion it got back, without reading it first; another writer's change (a
 *       conflict), a missing ConfigMap or {@link dev.roster.status.StatusStore#forget} makes it
 *       read first again. A pass costs the status no work per managed object beyond walks over
 *       the plan: only the object states kept (at most {@value
 *       dev.roster.status.SourceStatus#STATES_LIMIT}) and the unhealthy ones are built.
 *   <li>{@link dev.roster.status.EventRecorder} writes core/v1 Events on applied, pruned, failed
 *       and refused objects, capped per reconcile, best effort.
 *   <li>Nothing here stores, prints or emits a secret value or URL credentials: messages name
 *       objects and revisions only, and URLs are redacted.
 * </ul>
 */
package dev.roster.status;
