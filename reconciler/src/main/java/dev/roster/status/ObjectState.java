package dev.roster.status;

import java.time.Instant;

/**
 * One managed object in a state its kind's profile names (failed, not ready, queued, sleeping,
 * over budget, …), as of the last planned pass.
 *
 * @param object {@code Kind/namespace/name} ({@code Kind/name} when cluster-scoped)
 * @param state the state ({@code Failed}, {@code Sleeping}, …)
 * @param unhealthy whether it is a problem (serve records a Warning Event when an object enters
 *     it)
 * @param message what the live status says
 * @param since when Roster first saw the object in this state
 */
public record ObjectState(String object, String state, boolean unhealthy, String message,
    Instant since) {
  public ObjectState {
    object = object == null ? "" : object;
    state = state == null ? "" : state;
    message = message == null ? "" : message;
  }
}
