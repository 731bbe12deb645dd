package dev.roster.apply;

import dev.roster.plan.Action;
import dev.roster.plan.Inventory;
import java.util.List;

/**
 * Outcome of one apply.
 *
 * @param outcomes one per planned change, in plan order
 * @param inventory what this source manages now; store it
 */
public record ApplyResult(List<Outcome> outcomes, Inventory inventory) {

  public boolean failed() {
    return outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.FAILED);
  }

  public long count(Action action, Outcome.Status status) {
    return outcomes.stream()
        .filter(o -> o.change().action() == action && o.status() == status).count();
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).toList();
  }
}
