/**
 * Engine: one reconcile pass as glue over the stages — load and validate a snapshot, build the
 * desired objects, read inventory and live state, plan, apply, store the inventory.
 *
 * <p>Contract: nothing is applied, and nothing is pruned, unless the whole snapshot loaded and
 * validated without error ({@link dev.roster.engine.InvalidDesiredStateException}).
 *
 * <p>Serve mode keeps one engine per source across passes and lets it remember: parsed and
 * validated files by content id, live state from informers ({@link dev.roster.kube.LiveCache}),
 * and objects already found unchanged. Plans are the same as a fresh engine's; live changes that
 * depart from the last plan (hand edits, deletions, never Roster's own writes) are reported to a
 * callback so drift is noticed without polling the cluster.
 */
package dev.roster.engine;
