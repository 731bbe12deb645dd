package dev.roster.status;

import java.time.Instant;

/**
 * One status condition, as in Kubernetes {@code metav1.Condition}.
 *
 * @param type {@code Ready}, {@code Reconciling} or {@code Stalled} ({@link Conditions})
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason PascalCase reason ({@link Conditions})
 * @param message lower-case, no trailing period, values in single quotes
 * @param lastTransitionTime when {@code status} last changed (seconds precision); a new reason or
 *     message alone keeps it
 */
public record Condition(
    String type, String status, String reason, String message, Instant lastTransitionTime) {}
