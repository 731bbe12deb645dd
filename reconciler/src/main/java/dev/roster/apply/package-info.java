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
 *
 * <p>Cost: a pass hashes no key it hashed last time. {@link dev.roster.apply.KeyMemo} (one per
 * source) remembers the last plan's keys in order, so a plan with the same keys is known free of
 * twins and its keys' place in the same inventory key set (by identity) is known; an apply whose
 * resulting keys equal the previous inventory's returns that very set, which the inventory store
 * then compares and encodes for nothing. What is skipped is proven equal to the full path by
 * differential tests ({@code ApplySkipsTest}, {@code ApplySkipsDifferentialTest}).
 */
package dev.roster.apply;
