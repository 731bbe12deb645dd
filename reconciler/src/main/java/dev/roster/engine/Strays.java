package dev.roster.engine;

import dev.roster.kube.LabelledObjects;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Ownership;
import dev.roster.plan.Plan;
import dev.roster.validate.KindId;
import dev.roster.validate.SchemaCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Objects labelled for a source that its inventory does not list: what a lost or emptied
 * inventory leaves behind. They are looked for only when the inventory is empty (missing,
 * emptied, or a first apply) or a rebuild is asked for, at one list request per served kind.
 *
 * <p>Contract: without a rebuild they are never pruned: each is an {@link Action#ORPHANED}
 * change saying why and how to take it back ({@code roster apply --rebuild-inventory}), so
 * every output counts them. With a rebuild they join the previous inventory, so the plan
 * prunes those Git no longer defines (still under the mass-prune guard).
 */
final class Strays {
  /** The reason every unlisted object carries. */
  static final String REASON = "labelled " + Ownership.SOURCE + "=%s but in no inventory (it is"
      + " missing or was emptied), so never pruned; 'roster apply --rebuild-inventory' lists it"
      + " again";

  private final SchemaCatalog catalog;
  private final LabelledObjects labelled;
  private final String source;

  Strays(SchemaCatalog catalog, LabelledObjects labelled, String source) {
    this.catalog = catalog;
    this.labelled = labelled;
    this.source = source;
  }

  /** What was found: the inventory to plan with, and the labelled objects it does not list. */
  record Found(Inventory previous, Map<ResourceKey, LiveObject> unlisted) {}

  Found check(Inventory previous, List<DesiredObject> desired, Map<String, String> apiVersions,
      boolean rebuild) {
    if (!previous.keys().isEmpty() && !rebuild) {
      return new Found(previous, Map.of());
    }
    List<String[]> kinds = new ArrayList<>();
    apiVersions.forEach((gk, av) ->
        kinds.add(new String[] {av, gk.substring(gk.indexOf('/') + 1)}));
    for (KindId k : catalog.kinds()) {
      kinds.add(new String[] {k.group().isEmpty() ? k.version() : k.group() + "/" + k.version(),
          k.kind()});
    }
    Set<ResourceKey> wanted = new HashSet<>();
    desired.forEach(d -> wanted.add(d.key()));
    Map<ResourceKey, LiveObject> unlisted = new LinkedHashMap<>();
    labelled.find(source, kinds).forEach((k, l) -> {
      if (!wanted.contains(k) && !previous.keys().contains(k)) {
        unlisted.put(k, l);
      }
    });
    if (!rebuild || unlisted.isEmpty()) {
      return new Found(previous, unlisted);
    }
    Set<ResourceKey> keys = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    keys.addAll(previous.keys());
    keys.addAll(unlisted.keySet());
    return new Found(new Inventory(source, previous.revision(), Set.copyOf(keys),
        previous.runs()), Map.of());
  }

  /** {@code plan} with one orphaned change per unlisted object, after its own changes. */
  static Plan withUnlisted(Plan plan, Map<ResourceKey, LiveObject> unlisted) {
    if (unlisted.isEmpty()) {
      return plan;
    }
    List<Change> changes = new ArrayList<>(plan.changes());
    unlisted.forEach((k, l) -> changes.add(Change.builder(k,
        String.valueOf(l.object().get("apiVersion")), Action.ORPHANED).live(l.object())
        .reason(String.format(REASON, plan.source())).build()));
    return new Plan(plan.source(), plan.revision(), List.copyOf(changes), plan.inventorySize());
  }
}
