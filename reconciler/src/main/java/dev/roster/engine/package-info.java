/**
 * Engine: one reconcile pass as glue over the stages — load and validate a snapshot, build the
 * desired objects, read inventory and live state, plan, apply, store the inventory.
 *
 * <p>Contract: nothing is applied, and nothing is pruned, unless the whole snapshot loaded and
 * validated without error ({@link dev.roster.engine.InvalidDesiredStateException}).
 */
package dev.roster.engine;
