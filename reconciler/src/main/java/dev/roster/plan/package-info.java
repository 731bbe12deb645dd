/**
 * Plan stage: desired (Git) against live (cluster), per object: create, update with a field-level
 * diff, prune, unchanged, or refused.
 *
 * <p>Contract: planning is a pure function of its inputs. The diff is quiet — status, server
 * metadata and fields Git never set are not differences — and exact — a field Git set at the last
 * apply and no longer sets is a difference (three-way, from the {@code roster.dev/applied-fields}
 * annotation). Every update carries the JSON Patch (RFC 6902) that makes live match desired,
 * guarded by a test on {@code metadata.resourceVersion}. A {@link dev.roster.plan.PlanMemo}
 * (serve mode) only skips work whose result is known: an object found unchanged is planned
 * unchanged again, without a diff, while its desired tree, origin and live resourceVersion stay
 * the same.
 */
package dev.roster.plan;
