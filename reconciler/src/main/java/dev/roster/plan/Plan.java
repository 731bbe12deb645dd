package dev.roster.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Every object's change, in apply order (prunes last, in reverse apply order).
 *
 * @param source the source name
 * @param revision the desired revision
 * @param changes all objects, including unchanged ones
 * @param inventorySize size of the previous inventory, for the mass-prune guard
 * @param warnings what every output shows with the plan, each a sentence with its counts (such
 *     as objects labelled for this source that no inventory lists, so never pruned)
 */
public record Plan(String source, String revision, List<Change> changes, int inventorySize,
    List<String> warnings) {
  public Plan {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A plan without warnings. */
  public Plan(String source, String revision, List<Change> changes, int inventorySize) {
    this(source, revision, changes, inventorySize, List.of());
  }

  /** This plan with {@code other} changes (source, revision, inventory size, warnings kept). */
  public Plan withChanges(List<Change> other) {
    return new Plan(source, revision, List.copyOf(other), inventorySize, warnings);
  }

  /** This plan with {@code warning} after its own. */
  public Plan withWarning(String warning) {
    List<String> all = new java.util.ArrayList<>(warnings);
    all.add(warning);
    return new Plan(source, revision, changes, inventorySize, all);
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** Whether apply would write anything, or a change is held back (still pending). */
  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.writes() || c.rollout().waiting());
  }

  /** Changes held back by their rollout policy (waiting for tasks or approval). */
  public List<Change> held() {
    return changes.stream().filter(c -> c.rollout().waiting()).toList();
  }

  /** How many fields differ between Git and live and will not be written now, over all objects. */
  public long unwrittenCount() {
    long n = 0;
    for (Change c : changes) {
      n += c.notWritten().size();
    }
    return n;
  }

  /**
   * {@code N field(s) not written: Kind ns/name /pointer (reason), …} naming at most {@code
   * listed} of the fields {@link #unwrittenCount} counts, then {@code and N more}; empty when
   * none. What status and serve's log say beside "succeeded" so that they are never silent.
   */
  public String notWrittenNamed(int listed) {
    List<String> all = new ArrayList<>();
    for (Change c : changes) { // most changes have none: no stream per change
      for (Unwritten u : c.notWritten()) {
        all.add(c.key().kind() + " " + (c.key().namespace().isEmpty() ? ""
            : c.key().namespace() + "/") + c.key().name() + " " + u.pointer() + " ("
            + u.reason().word() + ")");
      }
    }
    if (all.isEmpty()) {
      return "";
    }
    return all.size() + (all.size() == 1 ? " field" : " fields") + " not written: "
        + String.join(", ", all.subList(0, Math.min(listed, all.size())))
        + (all.size() > listed ? " and " + (all.size() - listed) + " more" : "");
  }

  /** Changes whose live object is in a state its profile names ({@link Change#health}). */
  public List<Change> states() {
    return changes.stream().filter(c -> c.health() != null).toList();
  }

  public List<Change> of(Action action) {
    return changes.stream().filter(c -> c.action() == action).toList();
  }
}
