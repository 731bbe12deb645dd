package dev.roster.status;

import static dev.roster.status.Records.T0;
import static dev.roster.status.Records.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.KubeClients;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Inventory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
  static final String REV = rev("abc");
  static EmbeddedCluster cluster;
  static KubernetesClient client;
  EventRecorder recorder;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void clean() {
    client.v1().events().inAnyNamespace().delete();
    recorder = new EventRecorder(client, "roster-system", Clock.fixed(T0, ZoneOffset.UTC), 100);
  }

  static Outcome outcome(Action action, Outcome.Status status, String kind, String ns,
      String name, String message) {
    ResourceKey key = new ResourceKey("", kind, ns, name);
    Map<String, Object> live = action == Action.CREATE ? null
        : Map.of("metadata", Map.of("name", name, "uid", "uid-" + name));
    Change c = Change.builder(key, "v1", action).desired(Map.of()).live(live)
        .reason(action == Action.REFUSED ? "owned by source 'other'" : "").build();
    return new Outcome(c, status, message);
  }

  static ApplyResult result(List<Outcome> outcomes) {
    return new ApplyResult(outcomes, new Inventory("app", REV, Set.of()));
  }

  static List<Event> events() {
    return client.v1().events().inAnyNamespace().list().getItems();
  }

  static Event eventFor(String name) {
    List<Event> found = events().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name)).toList();
    assertEquals(1, found.size(), () -> "events for " + name + ": " + found);
    return found.get(0);
  }

  @Test
  void recordsOneEventPerWrittenOrFailedObject() {
    int n = recorder.applied("app", REV, result(List.of(
        outcome(Action.CREATE, Outcome.Status.APPLIED, "ConfigMap", "team-a", "created", ""),
        outcome(Action.UPDATE, Outcome.Status.APPLIED, "ConfigMap", "team-a", "updated", ""),
        outcome(Action.PRUNE, Outcome.Status.APPLIED, "ConfigMap", "team-a", "pruned", ""),
        outcome(Action.UPDATE, Outcome.Status.FAILED, "ConfigMap", "team-a", "broken",
            "invalid (422): data too long"),
        outcome(Action.UNCHANGED, Outcome.Status.SKIPPED, "ConfigMap", "team-a", "same", ""),
        outcome(Action.ORPHANED, Outcome.Status.SKIPPED, "ConfigMap", "team-a", "kept", ""))));

    assertEquals(4, n);
    assertEquals(4, events().size(), "no events for unchanged or orphaned objects");

    Event created = eventFor("created");
    assertEquals("team-a", created.getMetadata().getNamespace());
    ObjectReference ref = created.getInvolvedObject();
    assertEquals(List.of("v1", "ConfigMap", "team-a", "created"),
        List.of(ref.getApiVersion(), ref.getKind(), ref.getNamespace(), ref.getName()));
    assertNull(ref.getUid(), "unknown before creation");
    assertEquals("Created", created.getReason());
    assertEquals("Normal", created.getType());
    assertEquals("roster", created.getSource().getComponent());
    assertEquals("roster", created.getReportingComponent());
    assertEquals(T0.toString(), created.getFirstTimestamp());
    assertEquals("created ConfigMap 'team-a/created' at revision '" + REV + "'",
        created.getMessage());

    Event updated = eventFor("updated");
    assertEquals("Updated", updated.getReason());
    assertEquals("uid-updated", updated.getInvolvedObject().getUid());
    assertEquals("Pruned", eventFor("pruned").getReason());
    assertEquals("pruned ConfigMap 'team-a/pruned' at revision '" + REV + "'",
        eventFor("pruned").getMessage());

    Event failed = eventFor("broken");
    assertEquals("ApplyFailed", failed.getReason());
    assertEquals("Warning", failed.getType());
    assertEquals("failed to apply ConfigMap 'team-a/broken' at revision '" + REV
        + "': invalid (422): data too long", failed.getMessage());
  }

  @Test
  void refusedAndClusterScopedObjects() {
    recorder.applied("app", REV, result(List.of(
        outcome(Action.REFUSED, Outcome.Status.SKIPPED, "ConfigMap", "team-a", "theirs", ""),
        outcome(Action.CREATE, Outcome.Status.APPLIED, "Namespace", "", "team-b", ""))));

    Event refused = eventFor("theirs");
    assertEquals("ApplyFailed", refused.getReason());
    assertEquals("Warning", refused.getType());
    assertEquals("refused to apply ConfigMap 'team-a/theirs' at revision '" + REV
        + "': owned by source 'other'", refused.getMessage());

    Event ns = eventFor("team-b");
    assertEquals("default", ns.getMetadata().getNamespace());
    assertNull(ns.getInvolvedObject().getNamespace());
    assertEquals("created Namespace 'team-b' at revision '" + REV + "'", ns.getMessage());
  }

  @Test
  void secretFailuresNameTheObjectOnly() {
    recorder.applied("app", REV, result(List.of(outcome(Action.CREATE, Outcome.Status.FAILED,
        "Secret", "team-a", "db", "invalid (422): data[password]: Invalid value: \"hunter2\""))));

    Event e = eventFor("db");
    assertEquals("failed to apply Secret 'team-a/db' at revision '" + REV + "'", e.getMessage());
    assertFalse(e.toString().contains("hunter2"));
  }

  @Test
  void capsObjectEventsAndAddsOneSummaryFailuresFirst() {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      outcomes.add(outcome(Action.CREATE, Outcome.Status.APPLIED, "ConfigMap", "team-a",
          "cm-" + i, ""));
    }
    outcomes.add(outcome(Action.UPDATE, Outcome.Status.FAILED, "ConfigMap", "team-a", "last",
        "conflict (409): gone"));

    int n = recorder.applied("app", REV, result(outcomes));

    assertEquals(101, n);
    List<Event> all = events();
    assertEquals(101, all.size());
    Map<String, Long> byReason = all.stream()
        .collect(Collectors.groupingBy(Event::getReason, Collectors.counting()));
    assertEquals(Map.of("Created", 99L, "ApplyFailed", 1L, "EventsCapped", 1L), byReason);
    Event summary = all.stream().filter(e -> e.getReason().equals("EventsCapped")).findFirst()
        .orElseThrow();
    assertEquals("roster-system", summary.getMetadata().getNamespace());
    assertEquals(List.of("v1", "ConfigMap", "roster-system", "roster-status-app"),
        List.of(summary.getInvolvedObject().getApiVersion(), summary.getInvolvedObject().getKind(),
            summary.getInvolvedObject().getNamespace(), summary.getInvolvedObject().getName()));
    assertEquals("revision '" + REV + "': 250 created, 0 updated, 0 pruned, 1 failed; 151 objects"
        + " have no event of their own (limit 100)", summary.getMessage());
    assertEquals("Normal", summary.getType());
  }

  @Test
  void reconcileFailureIsASourceLevelWarning() {
    assertTrue(recorder.reconcileFailed("app", REV, "ValidationFailed",
        "2 errors in 'apps/web.yaml'"));

    Event e = eventFor("roster-status-app");
    assertEquals("roster-system", e.getMetadata().getNamespace());
    assertEquals("ValidationFailed", e.getReason());
    assertEquals("Warning", e.getType());
    assertEquals("revision '" + REV + "': 2 errors in 'apps/web.yaml'", e.getMessage());
  }

  @Test
  void redactsUrlsInMessages() {
    recorder.reconcileFailed("app", "", "SourceFetchFailed",
        "failed to fetch https://bot:s3cr3t@git.example/app.git: timeout");
    assertEquals("failed to fetch https://git.example/app.git: timeout",
        eventFor("roster-status-app").getMessage());
  }

  @Test
  void repeatedWarningsAreWrittenOnceUntilTheRepeatInterval() {
    MutableClock clock = new MutableClock(T0);
    EventRecorder r = new EventRecorder(client, "roster-system", clock, 100);
    ApplyResult failing = result(List.of(
        outcome(Action.UPDATE, Outcome.Status.FAILED, "ConfigMap", "a", "bad", "invalid (422)"),
        outcome(Action.REFUSED, Outcome.Status.SKIPPED, "ConfigMap", "a", "theirs", "")));

    assertEquals(2, r.applied("app", REV, failing));
    assertEquals(0, r.applied("app", REV, failing), "same failures on the next poll");
    assertEquals(2, r.applied("other", REV, failing), "per source");
    assertEquals(1, r.applied("app", rev("def"), result(List.of(failing.outcomes().get(0)))),
        "a new revision is a new message");
    clock.now = T0.plus(EventRecorder.REPEAT_AFTER);
    assertEquals(1, r.applied("app", rev("def"), result(List.of(failing.outcomes().get(0)))),
        "repeated after the interval");

    assertTrue(r.reconcileFailed("app", REV, "ValidationFailed", "1 error"));
    assertFalse(r.reconcileFailed("app", REV, "ValidationFailed", "1 error"));
    assertTrue(r.reconcileFailed("app", REV, "ValidationFailed", "2 errors"));
    r.applied("app", REV, result(List.of()));
    assertTrue(r.reconcileFailed("app", REV, "ValidationFailed", "2 errors"),
        "an apply in between resets it");
    assertEquals(9, events().size());
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void anUnreachableClusterIsNotAnError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    try (KubernetesClient gone = KubeClients.forUrl("http://127.0.0.1:" + port, "default")) {
      EventRecorder r = new EventRecorder(gone, "roster-system");
      assertEquals(0, r.applied("app", REV, result(List.of(
          outcome(Action.CREATE, Outcome.Status.APPLIED, "ConfigMap", "a", "x", ""),
          outcome(Action.CREATE, Outcome.Status.APPLIED, "ConfigMap", "a", "y", "")))));
      assertFalse(r.reconcileFailed("app", REV, "ApplyFailed", "x"));
    }
  }
}
