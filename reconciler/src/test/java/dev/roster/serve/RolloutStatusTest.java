package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.roster.status.HeldRollout;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusStore;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's StatusListener on a held rollout: status lists the hold, events and counters mark its
 * start once, its release and a forced release; the clock is injected, nothing sleeps.
 */
class RolloutStatusTest {
  static final ResourceDefinitionContext AGENT = ctx("Agent", "agents");
  static final ResourceDefinitionContext TASK = ctx("Task", "tasks");
  static final String SOURCE = "agents";

  @TempDir Path repo;
  EmbeddedCluster cluster;
  Instant now = Instant.parse("2025-06-01T10:00:00Z");
  final Clock clock = new Clock() {
    @Override public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override public Instant instant() {
      return now;
    }
  };
  Metrics metrics;
  StatusStore store;
  StatusListener listener;
  int commit;

  static ResourceDefinitionContext ctx(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("kubeopencode.io")
        .withVersion("v1alpha1").withKind(kind).withPlural(plural).withNamespaced(true).build();
  }

  @BeforeEach
  void setUp() throws Exception {
    cluster = EmbeddedCluster.start();
    metrics = new Metrics();
    store = new StatusStore(cluster.client(), "default");
    SourceConfig config = SourceConfig.builder(SOURCE,
        new SourceSpec(repo.toString(), null, null, null)).build();
    listener = new StatusListener(config, store, new EventRecorder(cluster.client(), "default",
        clock, EventRecorder.DEFAULT_LIMIT), metrics, ServeLog.discarding(), clock);
    Files.writeString(repo.resolve("rules.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: rules}
        data: {AGENTS.md: "be kind"}
        """);
    agent("img:v1");
    sync();
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  void agent(String image) throws Exception {
    Files.writeString(repo.resolve("agent.yaml"), """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          annotations: {roster.dev/external-refs: "ServiceAccount/*,AgentTemplate/*"}
        spec:
          templateRef: {name: devbox}
          executorImage: %s
          contexts:
            - {name: rules, type: ConfigMap, configMap: {name: rules, key: AGENTS.md}}
        """.formatted(image));
  }

  void task(String name, String phase) {
    var tasks = cluster.client().genericKubernetesResources(TASK).inNamespace("default");
    if (tasks.withName(name).get() == null) {
      tasks.resource(new GenericKubernetesResourceBuilder().withApiVersion("kubeopencode.io/v1alpha1")
          .withKind("Task").withNewMetadata().withName(name).withNamespace("default")
          .addToLabels("kubeopencode.io/agent", "coder").endMetadata()
          .addToAdditionalProperties("spec", Map.of("agentRef", Map.of("name", "coder"),
              "description", "work"))
          .build()).create();
    }
    GenericKubernetesResource t = tasks.withName(name).get();
    t.setAdditionalProperty("status", Map.of("phase", phase));
    tasks.resource(t).updateStatus();
  }

  /** One serve pass: plan, apply, report to the listener. */
  void sync() {
    commit++;
    Snapshot snapshot = new Snapshot(new DirectoryTree(repo),
        "main@sha1:" + String.format("%040x", commit * 0x1111111L), repo.toString());
    Engine engine = Engine.oneShot(SchemaCatalog.bundled(), cluster.client(), new Engine.Settings(
        SOURCE, "default", "default", LoadOptions.defaults(), false), clock);
    Engine.PlanRun run = engine.plan(snapshot);
    ApplyResult applied = engine.apply(run, ApplyOptions.defaults());
    assertTrue(!applied.failed(), () -> "apply failed: " + applied.outcomes());
    listener.finished(SyncReport.builder(SOURCE, now).trigger("poll")
        .revision(snapshot.revision()).plan(run.plan()).applied(applied).build());
  }

  List<Event> events(String reason) {
    return cluster.client().v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  double counter(String result) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.scrape(out);
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("roster_rollouts_total{") && line.contains("source=\"" + SOURCE + "\"")
          && line.contains("result=\"" + result + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  List<HeldRollout> held() {
    return store.read(SOURCE).map(SourceStatus::heldRollouts).orElseThrow();
  }

  String image() {
    GenericKubernetesResource a = cluster.client().genericKubernetesResources(AGENT)
        .inNamespace("default").withName("coder").get();
    return String.valueOf(((Map<?, ?>) a.getAdditionalProperties().get("spec"))
        .get("executorImage"));
  }

  @Test
  void heldThenReleasedWhenTheTaskEnds() throws Exception {
    assertEquals(List.of(), held());
    task("t1", "Running");
    agent("img:v2");
    sync();
    Instant since = now;
    assertEquals(List.of(new HeldRollout("Agent/default/coder", "WaitingForTasks", 1, since,
        since.plus(Duration.ofHours(1)), store.read(SOURCE).orElseThrow()
        .lastAttemptedRevision())), held());
    assertEquals(1, events("RolloutHeld").size());
    Event e = events("RolloutHeld").get(0);
    assertEquals("Normal", e.getType());
    assertEquals("Agent", e.getInvolvedObject().getKind());
    assertEquals("coder", e.getInvolvedObject().getName());
    assertTrue(e.getMessage().contains("WaitingForTasks (1 in flight)"), e.getMessage());
    assertEquals(1, counter("held"));

    now = now.plusSeconds(300);
    sync(); // still held: no second event, no second count
    assertEquals(1, events("RolloutHeld").size());
    assertEquals(1, counter("held"));
    assertEquals(since, held().get(0).since());
    assertEquals("img:v1", image());

    task("t1", "Succeeded");
    now = now.plusSeconds(60);
    sync();
    assertEquals("img:v2", image());
    assertEquals(List.of(), held());
    assertEquals(1, events("RolloutReleased").size());
    assertEquals("Normal", events("RolloutReleased").get(0).getType());
    assertEquals(1, counter("released"));
    assertEquals(0, counter("forced"));

    sync(); // nothing held before: nothing released again
    assertEquals(1, events("RolloutReleased").size());
    assertEquals(1, counter("released"));
  }

  @Test
  void forcedAfterTheTimeout() throws Exception {
    task("t1", "Running");
    agent("img:v2");
    sync();
    assertEquals(1, held().size());
    now = now.plus(Duration.ofMinutes(61));
    sync();
    assertEquals("img:v2", image());
    assertEquals(List.of(), held());
    List<Event> forced = events("RolloutForced");
    assertEquals(1, forced.size());
    assertEquals("Warning", forced.get(0).getType());
    assertTrue(forced.get(0).getMessage().contains("1 still in flight"),
        forced.get(0).getMessage());
    assertEquals(1, counter("forced"));
    assertEquals(0, counter("released"));
    assertEquals(List.of(), events("RolloutReleased"));
  }

  @Test
  void revertCancelsWithoutRelease() throws Exception {
    task("t1", "Running");
    agent("img:v2");
    sync();
    agent("img:v1");
    sync();
    assertEquals(List.of(), held());
    assertEquals(0, counter("released"));
    assertEquals(List.of(), events("RolloutReleased"));
    assertNull(cluster.client().genericKubernetesResources(AGENT).inNamespace("default")
        .withName("coder").get().getMetadata().getAnnotations().get("roster.dev/held-since"));
  }
}
