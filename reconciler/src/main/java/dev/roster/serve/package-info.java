/**
 * Serve mode: keeps sources in sync continuously. Each source has one worker that runs at most
 * one reconcile at a time; triggers (poll, webhook, drift, retry) that arrive while one runs
 * coalesce into at most one more. Webhooks and polls only enqueue; they never reconcile inline.
 * Only the elected leader runs workers, and losing the lease stops them at once.
 */
package dev.roster.serve;
