package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pairs desired with live and decides each object's {@link Action}; see the package contract.
 * Ownership: an object is ours when its {@code roster.dev/source} label names this source; a live
 * object that is not ours is never updated unless Git annotates it {@code roster.dev/adopt:
 * "true"}. Prune candidates come from the previous inventory only.
 */
public final class Planner {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Where desired comes from; stamped on every object Roster writes. */
  public record Options(String source, String revision, String repo) {}

  private final KindOrder order;

  public Planner(KindOrder order) {
    this.order = order;
  }

  public Plan plan(List<DesiredObject> desired, Map<ResourceKey, LiveObject> live,
      Inventory previous, Options o) {
    return plan(desired, live, previous, o, PlanMemo.none());
  }

  /**
   * As {@link #plan(List, Map, Inventory, Options)}, taking unchanged objects from {@code memo}
   * when its verdicts still hold, and leaving in it the verdicts of this plan.
   */
  public Plan plan(List<DesiredObject> desired, Map<ResourceKey, LiveObject> live,
      Inventory previous, Options o, PlanMemo memo) {
    Set<ResourceKey> wanted = new HashSet<>();
    desired.forEach(d -> wanted.add(d.key()));
    List<ResourceKey> prunable = new ArrayList<>();
    for (ResourceKey k : previous.keys()) {
      if (!wanted.contains(k)) {
        prunable.add(k);
      }
    }
    return plan(desired, live, prunable, previous.keys().size(), o, memo, false);
  }

  /**
   * Part of a plan: the changes of {@code desired} and the prunes of {@code prunable} (inventory
   * keys Git does not define), each exactly as {@link #plan(List, Map, Inventory, Options,
   * PlanMemo)} would make it for the whole, in the same order; {@code memo} keeps the verdicts it
   * had for other objects. For an engine that plans again only what may have moved.
   */
  public Plan planPart(List<DesiredObject> desired, Map<ResourceKey, LiveObject> live,
      java.util.Collection<ResourceKey> prunable, int inventorySize, Options o, PlanMemo memo) {
    return plan(desired, live, prunable, inventorySize, o, memo, true);
  }

  private Plan plan(List<DesiredObject> desired, Map<ResourceKey, LiveObject> live,
      java.util.Collection<ResourceKey> prunable, int inventorySize, Options o, PlanMemo memo,
      boolean part) {
    List<Change> changes = new ArrayList<>();
    Map<ResourceKey, PlanMemo.Verdict> verdicts = memo.keeps() ? new HashMap<>() : null;
    for (DesiredObject d : desired) {
      LiveObject l = live.get(d.key());
      PlanMemo.Verdict v = memo.get(d, l, o);
      Change c = v != null ? unchanged(d, l, o, v.fields()) : planOne(d, l, o);
      if (verdicts != null && c.action() == Action.UNCHANGED) {
        // unchanged means the live annotation equals the fields computed: keep live's string
        verdicts.put(d.key(), v != null ? v : new PlanMemo.Verdict(d.object(), d.origin(),
            o.source(), l.resourceVersion(), l.annotation(Ownership.APPLIED_FIELDS)));
      }
      changes.add(c);
    }
    if (verdicts != null && part) {
      desired.forEach(d -> memo.drop(d.key()));
      memo.add(verdicts);
    } else if (verdicts != null) {
      memo.replace(verdicts);
    }
    sortInOrder(changes);
    List<Change> prunes = new ArrayList<>();
    for (ResourceKey k : prunable) {
      LiveObject l = live.get(k);
      if (l != null) {
        prunes.add(pruneOne(k, l, o));
      }
    }
    prunes.sort((a, b) -> order.compare(b.key(), a.key()));
    changes.addAll(prunes);
    return new Plan(o.source(), o.revision(), List.copyOf(changes), inventorySize);
  }

  /**
   * {@code c}, a change this planner made for an object Git defines, as planning the same object
   * against the same live object with {@code o} would make it, when only the revision differs
   * and nothing but the stamp reads it (an UNCHANGED change whose rules ignore the revision).
   */
  public static Change restamped(Change c, Options o) {
    String have = Restamped.revision(c.desired());
    return o.revision().equals(have) ? c
        : c.withDesired(Restamped.of(c.desired(), o.revision()));
  }

  private Change planOne(DesiredObject d, LiveObject l, Options o) {
    Map<String, Object> stamped = Stamper.stamp(d, o);
    String fields = JSON.writeValueAsString(Fields.of(stamped));
    Stamper.annotations(stamped).put(Ownership.APPLIED_FIELDS, fields);
    if (l == null) {
      return change(d, Action.CREATE, stamped, null, List.of(), List.of(), "");
    }
    String owner = l.label(Ownership.SOURCE);
    boolean ours = o.source().equals(owner);
    if (!ours && !"true".equals(Metadata.annotation(d.object(), Ownership.ADOPT))) {
      String why = owner != null
          ? "managed by Roster source '" + owner + "'; not taken over"
          : "exists and is not managed by Roster; annotate it roster.dev/adopt: \"true\" in Git"
              + " to take it over";
      return change(d, Action.REFUSED, stamped, l.object(), List.of(), List.of(), why);
    }
    String previousFields = ours ? l.annotation(Ownership.APPLIED_FIELDS) : null;
    Differ.Result diff = Differ.diff(stamped, l.object(), parse(previousFields));
    List<FieldChange> fieldChanges = new ArrayList<>(diff.changes());
    if (fieldChanges.isEmpty() && fields.equals(previousFields)) {
      // as the memo's verdicts make it: read-only and compact, sharing live's fields string, for
      // a plan keeps its unchanged objects from pass to pass (equal to stamped, same order)
      return unchanged(d, l, o, previousFields);
    }
    if (fieldChanges.isEmpty()) {
      fieldChanges.add(new FieldChange("/metadata/annotations/roster.dev~1applied-fields",
          FieldChange.Type.CHANGED, previousFields, fields));
    }
    List<Map<String, Object>> patch = new ArrayList<>();
    patch.add(Differ.op("test", "/metadata/resourceVersion",
        String.valueOf(l.resourceVersion())));
    patch.addAll(diff.patch());
    patch.addAll(Stamper.provenancePatch(stamped, l));
    return change(d, Action.UPDATE, stamped, l.object(), fieldChanges, patch, "");
  }

  /** Sorts {@code changes} in apply order ({@link KindOrder}), each key's wave looked up once. */
  private void sortInOrder(List<Change> changes) {
    record Ranked(int wave, Change change) {}
    List<Ranked> ranked = new ArrayList<>(changes.size());
    changes.forEach(c -> ranked.add(new Ranked(order.wave(c.key()), c)));
    ranked.sort((a, b) -> a.wave() != b.wave() ? Integer.compare(a.wave(), b.wave())
        : KindOrder.withinWave(a.change().key(), b.change().key()));
    changes.clear();
    ranked.forEach(r -> changes.add(r.change()));
  }

  /** What {@link #planOne} returns for an object known to be unchanged. */
  private static Change unchanged(DesiredObject d, LiveObject l, Options o, String fields) {
    return change(d, Action.UNCHANGED, Stamper.stampCompact(d, o, fields), l.object(), List.of(),
        List.of(), "");
  }

  private static Change pruneOne(ResourceKey k, LiveObject l, Options o) {
    String apiVersion = String.valueOf(l.object().get("apiVersion"));
    if (!o.source().equals(l.label(Ownership.SOURCE))) {
      return Change.builder(k, apiVersion, Action.ORPHANED).live(l.object())
          .reason("no longer labelled " + Ownership.SOURCE + "=" + o.source() + "; left in place")
          .build();
    }
    if ("disabled".equals(l.annotation(Ownership.PRUNE))) {
      return Change.builder(k, apiVersion, Action.ORPHANED).live(l.object())
          .reason(Ownership.PRUNE + ": disabled; left in place").build();
    }
    return Change.builder(k, apiVersion, Action.PRUNE).live(l.object()).build();
  }

  private static Change change(DesiredObject d, Action a, Map<String, Object> stamped,
      Map<String, Object> live, List<FieldChange> f, List<Map<String, Object>> p, String why) {
    return Change.builder(d.key(), d.apiVersion(), a).desired(stamped).live(live).fields(f)
        .patch(p).origin(d.origin()).reason(why).build();
  }

  private static Object parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, LinkedHashMap.class);
    } catch (RuntimeException e) {
      return null; // unreadable: treat as unknown, never remove on a guess
    }
  }
}
