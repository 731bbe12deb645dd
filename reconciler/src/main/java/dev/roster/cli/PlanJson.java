package dev.roster.cli;

import dev.roster.load.PointerIndex;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.FieldChange;
import dev.roster.plan.Ownership;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import dev.roster.plan.Unwritten;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link Plan} as one JSON document, for scripts and CI.
 *
 * <p>Contract: the document is
 *
 * <pre>{@code
 * {"source": "...", "base": null, "revision": "...",
 *  "summary": {"create": 0, "update": 0, "prune": 0, "unchanged": 0, "refused": 0, "orphaned": 0},
 *  "warnings": ["12 objects labelled roster.dev/source=... are live but not in its inventory ..."],
 *  "changes": [{"action": "update", "apiVersion": "...", "kind": "...", "namespace": "...",
 *               "name": "...", "file": "...", "line": 3, "reason": null, "rollout": null,
 *               "fields": [{"pointer": "/spec/x", "type": "changed", "before": 1, "after": 2}],
 *               "unwritten": [{"pointer": "/spec/y", "reason": "platform-written", "detail": "…"}],
 *               "effects": [{"pointer": "/spec/x", "says": "takes effect at …"}],
 *               "object": null}]}
 * }</pre>
 *
 * <p>Every object is listed in plan order, unchanged ones included; every summary key is always
 * present, plus {@code held} (changes waiting under their rollout policy) and {@code unwritten}
 * (fields Git and live differ in that apply leaves alone, over all objects). {@code warnings} is
 * always present: sentences with their counts, empty when there is nothing to warn about (such
 * as objects labelled for the source that no inventory lists). Each change's {@code
 * unwritten} lists those fields with reason {@code platform-written}, {@code ignored}, {@code
 * immutable}, {@code held} or {@code held-prune}; held fields also stay in {@code fields}, the
 * others do not (as in the text diff). {@code effects} says what writing a field does on the
 * platform (profile {@code rollout.effects}). {@code object} is, for a create, the whole object
 * as it will be created (as the text's {@code --show-bodies} YAML, cleaned the same way), null
 * for every other action. {@code base} is the revision planned against with no cluster ({@code
 * plan --base}), else null. {@code rollout} is null for kinds without a rollout profile and when
 * there is nothing to say (no marker, hold or reached object), else {@code
 * {"marker": "in-place|restart|new-run|recreate", "hold": "none|held|awaiting-approval|forced",
 * "reason", "inFlight", "since", "deadline", "heldFields", "reaches"}}; with {@code --base} it is
 * set too (marker and reaches; hold {@code none}, as no work is counted without a cluster).
 * Actions and field types are lower case. {@code namespace} (cluster-scoped), {@code
 * file}, {@code line} and {@code reason} are null when absent; a prune's {@code file} is the one
 * recorded at its last apply. Field values never include Roster's provenance annotations (a
 * change to them alone lists no fields) or a Secret's {@code data}/{@code stringData} values,
 * shown as {@code "<redacted>"} (keys stay visible).
 */
public final class PlanJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlanJson() {}

  /** The plan as pretty-printed JSON. */
  public static String render(Plan plan) {
    return render(plan, null);
  }

  /**
   * The plan as pretty-printed JSON; {@code base} is the revision it was planned against with no
   * cluster ({@code plan --base}), null when planned against live.
   */
  public static String render(Plan plan, String base) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("source", plan.source());
    doc.put("base", base);
    doc.put("revision", plan.revision());
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Action a : PlanFormat.SUMMARY_ORDER) {
      summary.put(PlanFormat.verb(a), plan.count(a));
    }
    summary.put("held", (long) plan.held().size());
    summary.put("unwritten", plan.unwrittenCount());
    doc.put("summary", summary);
    doc.put("warnings", plan.warnings());
    doc.put("changes", plan.changes().stream().map(PlanJson::change).toList());
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }

  private static Map<String, Object> change(Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", PlanFormat.verb(c.action()));
    m.put("completed", c.completed()); // removed by the platform on purpose, not re-created
    m.put("apiVersion", c.apiVersion());
    m.put("kind", c.key().kind());
    m.put("namespace", emptyToNull(c.key().namespace()));
    m.put("name", c.key().name());
    m.put("file", PlanFormat.file(c));
    m.put("line", c.origin() == null ? null : c.origin().line());
    m.put("reason", emptyToNull(c.reason()));
    m.put("rollout", rollout(c.rollout()));
    m.put("fields", c.fields().stream().filter(f -> !provenance(f.pointer()))
        .map(f -> field(c, f)).toList());
    m.put("unwritten", c.notWritten().stream().map(PlanJson::unwritten).toList());
    m.put("effects", c.effects().stream().map(e -> Map.of("pointer", e.pointer(),
        "says", e.says())).toList());
    m.put("object", c.action() == Action.CREATE && c.desired() != null
        ? PlanRedaction.cleanObject(c.key(), c.desired()) : null);
    return m;
  }

  /** {@code {"marker": "restart", "hold": "held", "reason": …, "inFlight": 2, "since": …}}. */
  private static Map<String, Object> rollout(RolloutState r) {
    if (r.marker() == RolloutState.Marker.NONE && r.hold() == RolloutState.Hold.NONE
        && r.reached().isEmpty()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("marker", emptyToNull(r.markerText()));
    m.put("hold", r.hold().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.put("reason", emptyToNull(r.reason()));
    m.put("inFlight", r.inFlight());
    m.put("since", r.since() == null ? null : r.since().toString());
    m.put("deadline", r.deadline() == null ? null : r.deadline().toString());
    m.put("heldFields", r.heldPointers());
    m.put("reaches", r.reached());
    return m;
  }

  private static Map<String, Object> unwritten(Unwritten u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pointer", u.pointer());
    m.put("reason", u.reason().word());
    m.put("detail", emptyToNull(u.detail()));
    return m;
  }

  private static Map<String, Object> field(Change c, FieldChange f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pointer", f.pointer());
    m.put("type", f.type().name().toLowerCase(Locale.ROOT));
    m.put("before", PlanRedaction.clean(c.key(), f.pointer(), f.before()));
    m.put("after", PlanRedaction.clean(c.key(), f.pointer(), f.after()));
    return m;
  }

  private static boolean provenance(String pointer) {
    String prefix = "/metadata/annotations/";
    return pointer.startsWith(prefix)
        && Ownership.isProvenance(PointerIndex.unescape(pointer.substring(prefix.length())));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
