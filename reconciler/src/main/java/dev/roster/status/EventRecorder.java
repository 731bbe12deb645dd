package dev.roster.status;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.RolloutState;
import dev.roster.source.Urls;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records Kubernetes core/v1 Events for what a reconcile did, so {@code kubectl get events} and
 * {@code kubectl events --for KIND/NAME} show it next to the objects.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>One event per created, updated, pruned, failed or refused object, on that object ({@code
 *       involvedObject} = its apiVersion, kind, namespace, name, and uid when known), in its
 *       namespace ({@code default} for cluster-scoped objects). Reasons {@value #CREATED}, {@value
 *       #UPDATED}, {@value #PRUNED} (Normal) and {@value #APPLY_FAILED} (Warning).
 *   <li>At most {@code limit} object events per reconcile, failures first; beyond it, one {@value
 *       #EVENTS_CAPPED} event on the source's status ConfigMap counts what has no event.
 *   <li>Source-level events (reconcile failures) go on the status ConfigMap {@code
 *       roster-status-<source>} in the status namespace.
 *   <li>Messages name objects and revisions only, never field values; a failure's cause is
 *       included except for Secrets. URLs are redacted.
 *   <li>A warning that repeats (same object or source, same message) within {@link
 *       #REPEAT_AFTER} is written once, so persistent failures do not flood.
 *   <li>Rollout holds ({@link #rollouts}): {@value #ROLLOUT_HELD} (Normal) once when a hold
 *       starts, {@value #ROLLOUT_RELEASED} (Normal) when a held change goes out, {@value
 *       #ROLLOUT_FORCED} (Warning) when a hold timed out and the change went out anyway; on the
 *       object, not counted against the limit.
 *   <li>Object states ({@link #unhealthy}): {@value #UNHEALTHY} (Warning) on the object when it
 *       enters a state its profile calls unhealthy (failed, not ready, over budget), once per
 *       entry, with what its status says; not counted against the limit.
 *   <li>Best effort: a failed write stops recording for that call and is never thrown, so events
 *       cannot fail a reconcile. Thread-safe; calls for one source are expected in sequence.
 * </ul>
 */
public final class EventRecorder {
  /** {@code source.component} and {@code reportingComponent} of every event. */
  public static final String COMPONENT = "roster";
  /** Default cap of object events per reconcile. */
  public static final int DEFAULT_LIMIT = 100;
  public static final String CREATED = "Created";
  public static final String UPDATED = "Updated";
  public static final String PRUNED = "Pruned";
  public static final String APPLY_FAILED = Conditions.APPLY_FAILED;
  public static final String EVENTS_CAPPED = "EventsCapped";
  public static final String ROLLOUT_HELD = "RolloutHeld";
  public static final String ROLLOUT_RELEASED = "RolloutReleased";
  public static final String ROLLOUT_FORCED = "RolloutForced";
  public static final String UNHEALTHY = "Unhealthy";
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  /** How long an identical warning is not repeated. */
  public static final Duration REPEAT_AFTER = Duration.ofMinutes(30);
  private static final int MAX_CAUSE = 512;

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final int limit;
  private final Map<String, Map<String, Instant>> objectWarnings = new ConcurrentHashMap<>();
  private final Map<String, Map.Entry<String, Instant>> sourceWarnings =
      new ConcurrentHashMap<>();

  /**
   * @param namespace the status namespace, for source-level events
   * @param limit object events per reconcile before the summary event
   */
  public EventRecorder(KubernetesClient client, String namespace, Clock clock, int limit) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.limit = limit;
  }

  /** As above with the system clock and {@value #DEFAULT_LIMIT} events per reconcile. */
  public EventRecorder(KubernetesClient client, String namespace) {
    this(client, namespace, Clock.systemUTC(), DEFAULT_LIMIT);
  }

  /**
   * Records the object events of one apply of {@code revision} by {@code source}. A warning equal
   * to one this recorder wrote for the same source less than {@link #REPEAT_AFTER} ago (same
   * object, same message, hence same revision) is not written again, so a failure that persists
   * across polls does not flood.
   *
   * @return the number of events written, the summary included
   */
  public int applied(String source, String revision, ApplyResult result) {
    Instant now = clock.instant();
    Map<String, Instant> before = objectWarnings.getOrDefault(source, Map.of());
    Map<String, Instant> after = new HashMap<>();
    List<Event> warnings = new ArrayList<>();
    List<Event> normal = new ArrayList<>();
    int repeated = 0;
    for (Outcome o : result.outcomes()) {
      if (ReconcileRecord.Counts.failure(o)) {
        Event e = objectEvent(o, revision);
        Instant last = before.get(signature(e));
        if (last != null && now.isBefore(last.plus(REPEAT_AFTER))) {
          after.put(signature(e), last);
          repeated++;
        } else {
          warnings.add(e);
        }
      } else if (o.status() == Outcome.Status.APPLIED && o.change().writes()) {
        normal.add(objectEvent(o, revision));
      }
    }
    sourceWarnings.remove(source);
    List<Event> all = new ArrayList<>(warnings);
    all.addAll(normal);
    int count = 0;
    for (Event e : all.subList(0, Math.min(limit, all.size()))) {
      if (!emit(e)) {
        objectWarnings.put(source, after);
        return count;
      }
      if (WARNING.equals(e.getType())) {
        after.put(signature(e), now);
      }
      count++;
    }
    objectWarnings.put(source, after);
    if (all.size() > limit) {
      ReconcileRecord.Counts c = ReconcileRecord.Counts.of(result);
      String message = String.format("revision '%s': %d created, %d updated, %d pruned, %d"
          + " failed; %d objects have no event of their own (limit %d)", revision, c.created(),
          c.updated(), c.pruned(), c.failed(), all.size() - limit + repeated, limit);
      boolean lostWarnings = warnings.size() > limit;
      if (emit(sourceEvent(source, lostWarnings ? WARNING : NORMAL, EVENTS_CAPPED, message))) {
        count++;
      }
    }
    return count;
  }

  /**
   * Records a Warning event on the source's status ConfigMap: the reconcile of {@code revision}
   * stopped with {@code reason} (a {@link Conditions} reason). The same reason and message for
   * the same source within {@link #REPEAT_AFTER} is written once.
   *
   * @return whether it was written
   */
  public boolean reconcileFailed(String source, String revision, String reason, String message) {
    String text = (revision == null || revision.isEmpty() ? "" : "revision '" + revision + "': ")
        + message;
    Event e = sourceEvent(source, WARNING, reason, text);
    Instant now = clock.instant();
    Map.Entry<String, Instant> last = sourceWarnings.get(source);
    if (last != null && last.getKey().equals(signature(e))
        && now.isBefore(last.getValue().plus(REPEAT_AFTER))) {
      return false;
    }
    if (!emit(e)) {
      return false;
    }
    sourceWarnings.put(source, Map.entry(signature(e), now));
    return true;
  }

  /**
   * Records the rollout events of one pass of {@code revision}: held (hold started), released and
   * forced changes of {@code report}.
   *
   * @return the number of events written
   */
  public int rollouts(String source, String revision, RolloutReport report) {
    int count = 0;
    for (Change c : report.started()) {
      RolloutState r = c.rollout();
      String why = "AwaitingApproval".equals(r.reason())
          ? "awaiting approval (roster.dev/approve: " + revision + ")"
          : r.reason() + " (" + r.inFlight() + " in flight), forced at " + r.deadline();
      count += rolloutEvent(c, NORMAL, ROLLOUT_HELD, "held the " + r.markerText()
          + " change of " + subject(c.key()) + " at revision '" + revision + "': " + why) ? 1 : 0;
    }
    for (Change c : report.released()) {
      count += rolloutEvent(c, NORMAL, ROLLOUT_RELEASED, "released the held change of "
          + subject(c.key()) + " at revision '" + revision + "'") ? 1 : 0;
    }
    for (Change c : report.forced()) {
      RolloutState r = c.rollout();
      count += rolloutEvent(c, WARNING, ROLLOUT_FORCED, "forced the held change of "
          + subject(c.key()) + " at revision '" + revision + "': held since " + r.since()
          + ", " + r.inFlight() + " still in flight") ? 1 : 0;
    }
    return count;
  }

  /**
   * Records one {@value #UNHEALTHY} Warning per change of {@code turned} (objects that entered an
   * unhealthy state this pass, see {@link PassStatus#turnedUnhealthy}).
   *
   * @return the number of events written
   */
  public int unhealthy(String source, String revision, List<Change> turned) {
    int count = 0;
    for (Change c : turned) {
      count += rolloutEvent(c, WARNING, UNHEALTHY, subject(c.key()) + " is "
          + c.health().describe() + " (seen by source '" + source + "' at revision '"
          + revision + "')", "Health") ? 1 : 0;
    }
    return count;
  }

  private boolean rolloutEvent(Change c, String type, String reason, String message) {
    return rolloutEvent(c, type, reason, message, "Rollout");
  }

  private boolean rolloutEvent(Change c, String type, String reason, String message,
      String action) {
    ResourceKey k = c.key();
    ObjectReference ref = new ObjectReferenceBuilder().withApiVersion(c.apiVersion())
        .withKind(k.kind()).withNamespace(k.namespace().isEmpty() ? null : k.namespace())
        .withName(k.name()).withUid(uid(c.live())).build();
    return emit(event(k.namespace().isEmpty() ? "default" : k.namespace(), ref, type, reason,
        message, action));
  }

  private static String subject(ResourceKey k) {
    return k.kind() + " '" + (k.namespace().isEmpty() ? k.name()
        : k.namespace() + "/" + k.name()) + "'";
  }

  private Event objectEvent(Outcome o, String revision) {
    Change c = o.change();
    ResourceKey k = c.key();
    String where = k.namespace().isEmpty() ? k.name() : k.namespace() + "/" + k.name();
    String subject = k.kind() + " '" + where + "'";
    String at = " at revision '" + revision + "'";
    String reason;
    String message;
    if (c.action() == Action.REFUSED && o.status() != Outcome.Status.FAILED) {
      reason = APPLY_FAILED;
      message = "refused to apply " + subject + at + cause(k, c.reason());
    } else if (o.status() == Outcome.Status.FAILED) {
      reason = APPLY_FAILED;
      String verb = c.action() == Action.PRUNE ? "prune" : "apply";
      message = "failed to " + verb + " " + subject + at + cause(k, o.message());
    } else {
      reason = switch (c.action()) {
        case CREATE -> CREATED;
        case UPDATE -> UPDATED;
        default -> PRUNED;
      };
      message = reason.toLowerCase() + " " + subject + at;
    }
    ObjectReference ref = new ObjectReferenceBuilder().withApiVersion(c.apiVersion())
        .withKind(k.kind()).withNamespace(k.namespace().isEmpty() ? null : k.namespace())
        .withName(k.name()).withUid(uid(c.live())).build();
    String ns = k.namespace().isEmpty() ? "default" : k.namespace();
    return event(ns, ref, reason.equals(APPLY_FAILED) ? WARNING : NORMAL, reason, message,
        c.action() == Action.PRUNE ? "Prune" : "Apply");
  }

  private Event sourceEvent(String source, String type, String reason, String message) {
    ObjectReference ref = new ObjectReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
        .withNamespace(namespace).withName(StatusStore.name(source)).build();
    return event(namespace, ref, type, reason, message, "Reconcile");
  }

  private Event event(String ns, ObjectReference ref, String type, String reason,
      String message, String action) {
    String now = clock.instant().toString();
    String prefix = ref.getName().length() > 200 ? ref.getName().substring(0, 200) : ref.getName();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return new EventBuilder()
        .withNewMetadata().withName(prefix + "." + suffix).withNamespace(ns)
        .addToLabels("app.kubernetes.io/managed-by", COMPONENT).endMetadata()
        .withInvolvedObject(ref)
        .withType(type).withReason(reason).withMessage(Urls.redact(message)).withAction(action)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(COMPONENT)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .build();
  }

  private boolean emit(Event e) {
    try {
      client.v1().events().inNamespace(e.getMetadata().getNamespace()).resource(e).create();
      return true;
    } catch (KubernetesClientException ex) {
      return false;
    }
  }

  private static String signature(Event e) {
    ObjectReference r = e.getInvolvedObject();
    return r.getKind() + "/" + r.getNamespace() + "/" + r.getName() + "|" + e.getReason() + "|"
        + e.getMessage();
  }

  private static String cause(ResourceKey k, String message) {
    if ("Secret".equals(k.kind()) && k.group().isEmpty() || message == null
        || message.isBlank()) {
      return "";
    }
    String m = message.length() > MAX_CAUSE ? message.substring(0, MAX_CAUSE) + "…" : message;
    return ": " + m;
  }

  @SuppressWarnings("unchecked")
  private static String uid(Map<String, Object> live) {
    if (live == null || !(live.get("metadata") instanceof Map<?, ?> meta)) {
      return null;
    }
    Object uid = ((Map<String, Object>) meta).get("uid");
    return uid instanceof String s ? s : null;
  }
}
