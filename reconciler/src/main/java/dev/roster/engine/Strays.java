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

/**
 * Objects labelled for a source that its inventory does not list: what a lost or emptied
 * inventory leaves behind. They are looked for when the inventory is empty (missing, emptied, or
 * a first apply), when the stored inventory says some were left unlisted ({@link
 * Inventory#unlisted}), and on a rebuild; one list request per served kind.
 *
 * <p>Contract: without a rebuild they are never pruned. Those Git defines are listed again by
 * the next apply; each of the others is an {@link Action#ORPHANED} change saying why and how to
 * take it back, they are counted in {@link Inventory#unlisted} when the inventory is stored (so
 * plans keep looking), and the plan carries a warning with the counts, which every output shows.
 * With a rebuild, those that carry Roster's provenance (label {@code app.kubernetes.io/managed-by:
 * roster} and annotation {@code roster.dev/revision}) join the previous inventory, so the plan
 * prunes those Git no longer defines (under the mass-prune guard); labelled objects without it
 * stay orphaned, never pruned.
 */
final class Strays {
  /** The reason of an unlisted object, kept because no inventory lists it. */
  static final String REASON = "labelled " + Ownership.SOURCE + "=%s but in no inventory (it is"
      + " missing or was emptied), so never pruned; 'roster apply --rebuild-inventory' lists it"
      + " again";
  /** The reason of a labelled object a rebuild does not take. */
  static final String NO_PROVENANCE = "labelled " + Ownership.SOURCE + "=%s but without"
      + " Roster's provenance (" + Ownership.MANAGED_BY + "=" + Ownership.MANAGER + ", annotation "
      + Ownership.REVISION + "), so not taken by --rebuild-inventory and never pruned; delete it"
      + " by hand if it is not wanted";

  private final SchemaCatalog catalog;
  private final LabelledObjects labelled;
  private final String source;
  private final String inventory;

  /** @param inventory the inventory ConfigMap as {@code namespace/name}, for warnings */
  Strays(SchemaCatalog catalog, LabelledObjects labelled, String source, String inventory) {
    this.catalog = catalog;
    this.labelled = labelled;
    this.source = source;
    this.inventory = inventory;
  }

  /**
   * What was found.
   *
   * @param previous the inventory to plan with: on a rebuild with what it took, and with {@link
   *     Inventory#unlisted} set whenever the objects were looked for
   * @param unlisted labelled objects listed nowhere and not defined in Git, kept
   * @param relisted labelled objects Git defines that the inventory does not list
   * @param warning what every output says, or null
   */
  record Found(Inventory previous, Map<ResourceKey, LiveObject> unlisted, int relisted,
      String warning) {}

  Found check(Inventory previous, List<DesiredObject> desired, Map<String, String> apiVersions,
      boolean rebuild) {
    if (!previous.keys().isEmpty() && previous.unlisted() == 0 && !rebuild) {
      return new Found(previous, Map.of(), 0, null);
    }
    Set<ResourceKey> wanted = new HashSet<>();
    desired.forEach(d -> wanted.add(d.key()));
    Map<ResourceKey, LiveObject> unlisted = new LinkedHashMap<>();
    Map<ResourceKey, LiveObject> taken = new LinkedHashMap<>();
    int relisted = 0;
    for (Map.Entry<ResourceKey, LiveObject> e : labelled.find(source, kinds(apiVersions))
        .entrySet()) {
      if (previous.keys().contains(e.getKey())) {
        continue;
      }
      if (wanted.contains(e.getKey())) {
        relisted++;
      } else if (rebuild && provenance(e.getValue())) {
        taken.put(e.getKey(), e.getValue());
      } else {
        unlisted.put(e.getKey(), e.getValue());
      }
    }
    Set<ResourceKey> keys = new HashSet<>(previous.keys());
    keys.addAll(taken.keySet());
    Inventory planned = previous.withKeys(keys).withUnlisted(unlisted.size());
    return new Found(planned, unlisted, relisted,
        warning(rebuild, relisted, taken.size(), unlisted.size()));
  }

  /** {@code plan} with one orphaned change per unlisted object, after its own, and the warning. */
  static Plan withUnlisted(Plan plan, Found found, boolean rebuild) {
    if (found.warning() == null) {
      return plan;
    }
    List<Change> changes = new ArrayList<>(plan.changes());
    String why = String.format(rebuild ? NO_PROVENANCE : REASON, plan.source());
    found.unlisted().forEach((k, l) -> changes.add(Change.builder(k,
        String.valueOf(l.object().get("apiVersion")), Action.ORPHANED).live(l.object())
        .reason(why).build()));
    return plan.withChanges(changes).withWarning(found.warning());
  }

  private String warning(boolean rebuild, int relisted, int taken, int unlisted) {
    int all = relisted + taken + unlisted;
    if (all == 0) {
      return null;
    }
    String label = Ownership.SOURCE + "=" + source;
    if (rebuild) {
      return "rebuilding the inventory (ConfigMap " + inventory + ") from " + count(all,
          "object") + " labelled " + label + " that it does not list: " + taken + " that Git no"
          + " longer defines will be pruned (under the mass-prune guard), " + relisted + " that"
          + " Git defines are listed again" + (unlisted == 0 ? "" : ", " + unlisted + " without"
          + " Roster's provenance are kept and never pruned");
    }
    return count(all, "object") + " labelled " + label + (all == 1 ? " is" : " are") + " live but"
        + " not in its inventory (ConfigMap " + inventory + " was lost or emptied): " + relisted
        + " that Git defines will be listed again by apply; " + unlisted + " that Git no longer"
        + " defines " + (unlisted == 1 ? "is" : "are") + " kept and never pruned until 'roster"
        + " apply --rebuild-inventory'";
  }

  private List<String[]> kinds(Map<String, String> apiVersions) {
    List<String[]> kinds = new ArrayList<>();
    apiVersions.forEach((gk, av) ->
        kinds.add(new String[] {av, gk.substring(gk.indexOf('/') + 1)}));
    for (KindId k : catalog.kinds()) {
      kinds.add(new String[] {k.group().isEmpty() ? k.version() : k.group() + "/" + k.version(),
          k.kind()});
    }
    return kinds;
  }

  /** Whether Roster applied {@code l}: its manager label and the revision it stamps. */
  private static boolean provenance(LiveObject l) {
    String revision = l.annotation(Ownership.REVISION);
    return Ownership.MANAGER.equals(l.label(Ownership.MANAGED_BY))
        && revision != null && !revision.isEmpty();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
