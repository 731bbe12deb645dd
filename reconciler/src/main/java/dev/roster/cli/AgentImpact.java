package dev.roster.cli;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutPolicy;
import dev.roster.plan.RolloutState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "Agents affected" section that leads a Markdown plan.
 *
 * <p>Contract: empty when no change has a rollout marker or a hold. Otherwise a {@code ####
 * Agents affected} heading and one list item per non-empty group, each naming objects as {@code
 * Kind/ns/name} (at most {@value #LISTED}, then {@code and N more}): {@code Restart} — every
 * object a restart-class change restarts (the objects a template or ConfigMap reaches, each with
 * the changes it restarts through, or the changed object itself); {@code Runs start} — new runs;
 * {@code Re-created} — objects deleted and created again from Git; then what waits. Against a
 * cluster that is the gate's decision per change ({@code Held while busy} with its reason, task
 * count and deadline, {@code Wait for approval}, {@code Forced}). With {@code --base} no work is
 * counted, so each restarted or re-created object is grouped by its rollout policy ({@code
 * roster.dev/rollout}, else the default): {@code Held while busy} (Rollout), {@code Wait for
 * approval} (Manual), {@code Restart at once} (Immediate), each item ending with {@code — } and
 * what the policy does. Last, how many changes go in place.
 */
final class AgentImpact {
  /** How many objects a group names before {@code and N more}. */
  static final int LISTED = 20;

  private AgentImpact() {}

  /** The section, ending with a blank line; empty when no change reaches an agent. */
  static String section(Plan plan, PlanView view) {
    Map<String, Set<String>> restart = new LinkedHashMap<>();
    List<String> runs = new ArrayList<>();
    List<String> recreate = new ArrayList<>();
    List<String> held = new ArrayList<>();
    List<String> approval = new ArrayList<>();
    List<String> forced = new ArrayList<>();
    int inPlace = 0;
    for (Change c : plan.changes()) {
      RolloutState r = c.rollout();
      if (c.action() == Action.UNCHANGED || c.action() == Action.REFUSED) {
        continue;
      }
      switch (r.marker()) {
        case RESTART -> {
          for (String target : r.reached().isEmpty() ? List.of(name(c.key())) : r.reached()) {
            Set<String> via = restart.computeIfAbsent(target, t -> new LinkedHashSet<>());
            if (!r.reached().isEmpty()) {
              via.add(name(c.key()));
            }
          }
        }
        case NEW_RUN -> runs.add(name(c.key()));
        case RECREATE -> recreate.add(name(c.key()));
        case IN_PLACE -> inPlace++;
        default -> { }
      }
      String d = name(c.key()) + ": " + r.describe();
      switch (r.hold()) {
        case HELD -> held.add(d);
        case AWAITING_APPROVAL -> approval.add(d);
        case FORCED -> forced.add(d);
        default -> { }
      }
    }
    if (restart.isEmpty() && runs.isEmpty() && recreate.isEmpty() && held.isEmpty()
        && approval.isEmpty() && forced.isEmpty() && inPlace == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder("#### Agents affected\n\n");
    item(b, "Restart", restart.entrySet().stream().map(e -> e.getValue().isEmpty() ? e.getKey()
        : e.getKey() + " (via " + String.join(", ", e.getValue()) + ")").toList());
    item(b, "Runs start", runs);
    item(b, "Re-created", recreate);
    if (view.offline()) {
      byPolicy(b, plan, view, restart.keySet(), recreate);
    } else {
      item(b, "Held while busy", held);
      item(b, "Wait for approval", approval, "`roster approve`");
      item(b, "Forced (hold timed out)", forced);
    }
    if (inPlace > 0) {
      b.append("- **In place:** ").append(inPlace).append(inPlace == 1 ? " change" : " changes")
          .append(", no restart\n");
    }
    return b.append('\n').toString();
  }

  /** Offline: what each restarted or re-created object's policy would make it wait for. */
  private static void byPolicy(StringBuilder b, Plan plan, PlanView view, Set<String> restarted,
      List<String> recreated) {
    Map<String, Map<String, Object>> desired = new HashMap<>();
    plan.changes().forEach(c -> desired.put(name(c.key()), c.desired()));
    Map<RolloutPolicy.Mode, List<String>> by = new LinkedHashMap<>();
    Set<String> all = new LinkedHashSet<>(restarted);
    all.addAll(recreated);
    for (String n : all) {
      RolloutPolicy p = RolloutPolicy.of(desired.get(n), view.defaultMode());
      by.computeIfAbsent(p.mode(), m -> new ArrayList<>()).add(n);
    }
    item(b, "Held while busy", by.getOrDefault(RolloutPolicy.Mode.ROLLOUT, List.of()),
        "Rollout policy: each restarts once its tasks end (no cluster was asked, so none are"
            + " counted)");
    item(b, "Wait for approval", by.getOrDefault(RolloutPolicy.Mode.MANUAL, List.of()),
        "Manual policy: `roster approve`");
    item(b, "Restart at once", by.getOrDefault(RolloutPolicy.Mode.IMMEDIATE, List.of()),
        "Immediate policy");
  }

  private static void item(StringBuilder b, String label, List<String> names) {
    item(b, label, names, null);
  }

  /** {@code - **Label (N):** a, b and N more — note}. */
  private static void item(StringBuilder b, String label, List<String> names, String note) {
    if (names.isEmpty()) {
      return;
    }
    List<String> shown = names.subList(0, Math.min(LISTED, names.size()));
    b.append("- **").append(label).append(" (").append(names.size()).append("):** ")
        .append(PlanMarkdown.escape(String.join(", ", shown)));
    if (names.size() > LISTED) {
      b.append(" and ").append(names.size() - LISTED).append(" more");
    }
    if (note != null) {
      b.append(" — ").append(note);
    }
    b.append('\n');
  }

  /** {@code Kind/ns/name}, as rollout states name reached objects. */
  static String name(ResourceKey k) {
    return k.kind() + "/" + (k.namespace().isEmpty() ? "" : k.namespace() + "/") + k.name();
  }
}
