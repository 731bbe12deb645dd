package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.engine.Engine;
import dev.roster.load.LoadOptions;
import dev.roster.serve.metrics.Metrics;
import dev.roster.source.DirectoryTree;
import dev.roster.source.Snapshot;
import dev.roster.source.SourceSpec;
import dev.roster.status.EventRecorder;
import dev.roster.status.ObjectState;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusStore;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent state in serve: the status lists objects in a state their profile names (a komputer
 * agent failed, queued or asleep; a team over budget), and an object that turns unhealthy gets
 * one Warning Event and a log line, not one per pass.
 */
class AgentStatesStatusTest {
  static final ResourceDefinitionContext KA = new ResourceDefinitionContext.Builder()
      .withGroup("komputer.komputer.ai").withVersion("v1alpha1").withKind("KomputerAgent")
      .withPlural("komputeragents").withNamespaced(true).build();
  static final ResourceDefinitionContext TEAM = new ResourceDefinitionContext.Builder()
      .withGroup("claude.amcheste.io").withVersion("v1alpha1").withKind("AgentTeam")
      .withPlural("agentteams").withNamespaced(true).build();
  static final String SOURCE = "agents";

  @TempDir Path repo;
  EmbeddedCluster cluster;
  Instant now = Instant.parse("2025-06-01T10:00:00Z");
  StatusStore store;
  StatusListener listener;
  final StringWriter log = new StringWriter();
  int commit;

  @BeforeEach
  void setUp() throws Exception {
    cluster = EmbeddedCluster.start();
    store = new StatusStore(cluster.client(), "default");
    Clock clock = new Clock() {
      @Override public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return now;
      }
    };
    listener = new StatusListener(SourceConfig.builder(SOURCE,
        new SourceSpec(repo.toString(), null, null, null)).build(), store,
        new EventRecorder(cluster.client(), "default", clock, EventRecorder.DEFAULT_LIMIT),
        new Metrics(), new ServeLog(dev.roster.cli.Logging.toWriter(new PrintWriter(log, true),
            dev.roster.cli.LogFormat.text, ch.qos.logback.classic.Level.INFO)), clock);
    for (String name : List.of("researcher", "writer")) {
      Files.writeString(repo.resolve(name + ".yaml"), """
          apiVersion: komputer.komputer.ai/v1alpha1
          kind: KomputerAgent
          metadata: {name: %s}
          spec: {instructions: research}
          """.formatted(name));
    }
    Files.writeString(repo.resolve("team.yaml"), """
        apiVersion: claude.amcheste.io/v1alpha1
        kind: AgentTeam
        metadata:
          name: refactor
          annotations: {roster.dev/external-refs: "Secret/*"}
        spec:
          repository: {url: "https://github.com/acme/backend.git"}
          auth: {apiKeySecret: anthropic}
          lead: {model: opus, prompt: coordinate}
          teammates:
            - {name: backend, prompt: implement it}
        """);
    sync();
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  void sync() {
    commit++;
    Snapshot snapshot = new Snapshot(new DirectoryTree(repo),
        "main@sha1:" + String.format("%040x", commit * 0x1111111L), repo.toString());
    Engine engine = Engine.oneShot(SchemaCatalog.bundled(), cluster.client(), new Engine.Settings(
        SOURCE, "default", "default", LoadOptions.defaults(), false));
    Engine.PlanRun run = engine.plan(snapshot);
    ApplyResult applied = engine.apply(run, ApplyOptions.defaults());
    assertFalse(applied.failed(), () -> "apply failed: " + applied.outcomes());
    listener.finished(SyncReport.builder(SOURCE, now).trigger("poll")
        .revision(snapshot.revision()).plan(run.plan()).applied(applied).build());
  }

  void status(ResourceDefinitionContext c, String name, Map<String, Object> status) {
    var op = cluster.client().genericKubernetesResources(c).inNamespace("default");
    GenericKubernetesResource r = op.withName(name).get();
    r.setAdditionalProperty("status", status);
    op.resource(r).updateStatus();
  }

  List<ObjectState> states() {
    return store.read(SOURCE).map(SourceStatus::states).orElseThrow();
  }

  List<Event> unhealthyEvents() {
    return cluster.client().v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> EventRecorder.UNHEALTHY.equals(e.getReason())).toList();
  }

  @Test
  void statesReachStatusAndAnObjectTurningUnhealthyGetsOneEvent() {
    assertEquals(List.of(), states());
    status(KA, "researcher", Map.of("phase", "Failed", "taskStatus", "Error"));
    status(KA, "writer", Map.of("phase", "Queued", "queuePosition", 2));
    status(TEAM, "refactor", Map.of("phase", "BudgetExceeded", "estimatedCost", "25.10"));
    sync();
    Instant first = now;
    assertEquals(List.of(
        new ObjectState("KomputerAgent/default/researcher", "Failed", true, "phase Failed",
            first),
        new ObjectState("KomputerAgent/default/writer", "Queued", false,
            "phase Queued, queuePosition 2", first),
        new ObjectState("AgentTeam/default/refactor", "BudgetExceeded", true,
            "phase BudgetExceeded, estimatedCost 25.10", first)),
        states().stream().sorted(java.util.Comparator.comparing(
            s -> List.of("KomputerAgent/default/researcher", "KomputerAgent/default/writer",
                "AgentTeam/default/refactor").indexOf(s.object()))).toList());
    List<Event> events = unhealthyEvents();
    assertEquals(2, events.size(), events::toString); // queued is not a problem
    Event failed = events.stream().filter(e -> "researcher".equals(e.getInvolvedObject()
        .getName())).findFirst().orElseThrow();
    assertEquals("Warning", failed.getType());
    assertEquals("KomputerAgent", failed.getInvolvedObject().getKind());
    assertTrue(failed.getMessage().contains("is Failed (phase Failed)"), failed.getMessage());
    assertTrue(log.toString().contains("AgentTeam/default/refactor is BudgetExceeded"),
        log.toString());

    now = now.plusSeconds(600);
    status(KA, "writer", Map.of("phase", "Sleeping", "taskStatus", "Complete"));
    sync(); // still failed: no second event; the failure keeps its age
    assertEquals(2, unhealthyEvents().size());
    ObjectState researcher = states().stream()
        .filter(s -> s.object().endsWith("/researcher")).findFirst().orElseThrow();
    assertEquals(first, researcher.since());
    assertTrue(states().contains(new ObjectState("KomputerAgent/default/writer", "Sleeping",
        false, "phase Sleeping", now)), states()::toString);

    status(KA, "researcher", Map.of("phase", "Running", "taskStatus", "InProgress"));
    sync();
    assertTrue(states().stream().noneMatch(s -> s.object().endsWith("/researcher")),
        states()::toString);
    status(KA, "researcher", Map.of("phase", "Failed"));
    sync(); // failed again: a new event
    assertEquals(3, unhealthyEvents().size());
  }
}
