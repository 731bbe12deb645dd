/**
 * Failure: the one error model every stage raises through. Imports nothing of Roster; every
 * package may import it.
 *
 * <p>Contract: a stage fails with a {@link dev.roster.failure.RosterException} (or a subclass named
 * for the stage) whose {@link dev.roster.failure.Reason} is a constant of that stage's reason enum
 * ({@code SourceReason}, {@code LoadReason}, {@code ValidateReason}, {@code ClusterReason}, {@code
 * ApplyReason}, {@code ServeConfigReason}). The constant alone decides whether a retry can help and
 * which {@link dev.roster.failure.FailureKind} the failure is; the CLI maps the kind to an exit
 * code ({@code cli/Failures}) and serve maps the reason to a status condition reason ({@code
 * serve/StatusReasons}), each in one place.
 */
package dev.roster.failure;
