/**
 * Apply stage: executes a {@link dev.roster.plan.Plan} against the cluster — creates and patches in
 * dependency order (by wave), then prunes in reverse order — and computes the inventory to store.
 *
 * <p>Contract: nothing is written when the mass-prune guard refuses, or in a dry run. One failed
 * object never stops the others; each outcome is reported. An update whose optimistic lock fails
 * (409, or 422 from the JSON Patch resourceVersion test) is re-planned against fresh live state
 * and retried. Applying the same revision twice writes nothing the second time.
 */
package dev.roster.apply;
