/**
 * Apply stage: executes a {@link dev.roster.plan.Plan} against the cluster — creates and patches in
 * dependency order (by wave), then prunes in reverse order — and computes the inventory to store.
 *
 * <p>Contract: nothing is written when the mass-prune guard refuses, when the plan holds two
 * changes for one object, or in a dry run. There is one outcome per planned change, so counts by
 * action and status are exactly what was written. One failed
 * object never stops the others; each outcome is reported. An update whose optimistic lock fails
 * (409, or 422 from the JSON Patch resourceVersion test) is re-planned against fresh live state
 * and retried, except with {@link dev.roster.apply.ApplyOptions#exact} (a saved plan, {@code
 * apply --plan}): there it fails, since the plan applied must be the plan reviewed. Applying the
 * same revision twice writes nothing the second time.
 */
package dev.roster.apply;
