package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.LiveCache;
import dev.roster.load.LoadOptions;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: a random walk of Git edits (values, new and removed files, agents' restart and
 * in-place fields, templates that fan out) and live edits (hand edits, deletions, agents' status
 * and Tasks coming and going, time passing), with applies in between. After every step the
 * cached engine's plan, made again only where it moved ({@code PlanReuse}), equals the plan of an
 * engine that lists everything and remembers nothing; and most steps plan a handful of objects.
 */
class PlanReuseTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final ApplyOptions APPLY = ApplyOptions.defaults().withConcurrency(2);
  private static final ResourceDefinitionContext TASK = RolloutFixture.ctx("kubeopencode.io",
      "v1alpha1", "Task", "tasks");
  private static final ResourceDefinitionContext KOMPUTER = RolloutFixture.ctx(
      "komputer.komputer.ai", "v1alpha1", "KomputerAgent", "komputeragents");
  private static final int MAPS = 12;
  static EmbeddedCluster cluster;

  @TempDir Path repo;
  private String source;
  private String ns;
  private LiveCache live;
  private Engine engine;
  private Engine plain;
  private Instant now = Instant.parse("2025-06-01T10:00:00Z");
  private int commit;
  private String revision;
  private final Random random = new Random(Long.getLong("planReuse.seed", 14));
  private final List<String> steps = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void open() throws IOException {
    source = "reuse-" + System.nanoTime();
    ns = "default";
    live = new LiveCache(cluster.client(), source);
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return now;
      }
    };
    Engine.Settings settings = new Engine.Settings(source, ns, ns, LoadOptions.defaults(), false);
    engine = Engine.cached(CATALOG, cluster.client(), settings, live, clock);
    plain = Engine.oneShot(CATALOG, cluster.client(), settings, clock);
    for (int i = 0; i < MAPS; i++) {
      configMap(i, "v");
    }
    template("/workspace");
    agent("coder", "img:v1", 2);
    agent("helper", "img:v1", 2);
    komputer("research", 1);
    newCommit();
  }

  @AfterEach
  void close() {
    live.close();
  }

  @Test
  void randomEditsPlanAsTheFullPath() throws Exception {
    apply(); // creates
    apply(); // settled: everything unchanged
    long before = engine.plansPartial().plans();
    int small = 0;
    for (int step = 0; step < 60; step++) {
      String what = step(random.nextInt(12));
      steps.add(what);
      Plan plan = compare(what);
      PlanReuse.Counts c = engine.plansPartial();
      if (c.plans() > before && c.kept() > 0 && c.planned() < plan.changes().size() / 2) {
        small++;
      }
      before = c.plans();
      if (random.nextInt(3) == 0) {
        steps.add("apply");
        apply();
      }
    }
    assertTrue(small >= 20, "few plans were partial and small: " + small + " of 60; " + steps);
  }

  /** One random step; what it did. */
  private String step(int kind) throws IOException {
    int i = random.nextInt(MAPS + 2);
    switch (kind) {
      case 0, 1 -> {
        configMap(i, "g" + random.nextInt(4));
        newCommit();
        return "git edit cm" + i;
      }
      case 2 -> {
        Files.deleteIfExists(repo.resolve("cm" + i + ".yaml"));
        newCommit();
        return "git remove cm" + i;
      }
      case 3 -> {
        String who = random.nextBoolean() ? "coder" : "helper";
        agent(who, "img:v" + random.nextInt(3), 2 + random.nextInt(2));
        newCommit();
        return "git edit agent " + who;
      }
      case 4 -> {
        template("/w" + random.nextInt(3));
        newCommit();
        return "git edit template";
      }
      case 5 -> {
        komputer("research", random.nextInt(3));
        newCommit();
        return "git edit komputer";
      }
      case 6 -> {
        return handEdit(i);
      }
      case 7 -> {
        String phase = List.of("Running", "Completed", "Queued").get(random.nextInt(3));
        task("t" + random.nextInt(2), random.nextBoolean() ? "coder" : "helper", phase);
        return "task " + phase;
      }
      case 8 -> {
        String status = List.of("InProgress", "Idle", "Error").get(random.nextInt(3));
        return komputerStatus(status);
      }
      case 9 -> {
        now = now.plus(Duration.ofMinutes(25));
        return "time +25m";
      }
      case 10 -> {
        return deleteLive(i);
      }
      default -> {
        newCommit();
        return "new revision, same tree";
      }
    }
  }

  /** The cached engine's plan, checked against the full path's. */
  private Plan compare(String what) {
    Snapshot s = snapshot();
    Plan cached = engine.plan(s).plan();
    Plan full = plain.plan(s).plan();
    assertEquals(full, cached, "after " + steps);
    return cached;
  }

  private void apply() {
    long v = live.version();
    Engine.PlanRun run = engine.plan(snapshot());
    ApplyResult r = engine.apply(run, APPLY);
    assertTrue(!r.failed(), () -> "apply failed: " + r.outcomes());
    List<ResourceKey> written = run.plan().changes().stream().filter(Change::writes)
        .map(Change::key).toList();
    awaitSeen(v, written);
  }

  /** Waits until the cache has seen an event for each of {@code keys} since {@code v}. */
  private void awaitSeen(long v, List<ResourceKey> keys) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Set<ResourceKey> moved = live.changedSince(v);
      if (moved == null || moved.containsAll(keys)) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "the cache never saw " + keys);
      Thread.onSpinWait();
    }
  }

  private String handEdit(int i) {
    var cm = cluster.client().configMaps().inNamespace(ns).withName(source + "-cm" + i);
    if (cm.get() == null) {
      return "hand edit of absent cm" + i;
    }
    long v = live.version();
    cm.edit(c -> {
      c.setData(Map.of("k", "hand" + random.nextInt(3)));
      return c;
    });
    awaitSeen(v, List.of(new ResourceKey("", "ConfigMap", ns, source + "-cm" + i)));
    return "hand edit cm" + i;
  }

  private String deleteLive(int i) {
    var cm = cluster.client().configMaps().inNamespace(ns).withName(source + "-cm" + i);
    if (cm.get() == null) {
      return "delete of absent cm" + i;
    }
    long v = live.version();
    cm.delete();
    awaitSeen(v, List.of(new ResourceKey("", "ConfigMap", ns, source + "-cm" + i)));
    return "live delete cm" + i;
  }

  private String komputerStatus(String taskStatus) {
    var r = cluster.client().genericKubernetesResources(KOMPUTER).inNamespace(ns)
        .withName(source + "-research");
    GenericKubernetesResource g = r.get();
    if (g == null) {
      return "status of absent komputer";
    }
    long v = live.version();
    Map<String, Object> status = Map.of("taskStatus", taskStatus, "phase", "Running");
    if (status.equals(g.getAdditionalProperties().get("status"))) {
      return "komputer " + taskStatus + " again";
    }
    g.setAdditionalProperty("status", status);
    cluster.client().genericKubernetesResources(KOMPUTER).inNamespace(ns).resource(g)
        .updateStatus();
    awaitSeen(v, List.of(new ResourceKey("komputer.komputer.ai", "KomputerAgent", ns,
        source + "-research")));
    return "komputer " + taskStatus;
  }

  /** A Task of {@code agent} (not labelled for the source: read by listing, never cached). */
  private void task(String name, String agent, String phase) {
    var tasks = cluster.client().genericKubernetesResources(TASK).inNamespace(ns);
    String full = source + "-" + name;
    if (tasks.withName(full).get() == null) {
      tasks.resource(new GenericKubernetesResourceBuilder()
          .withApiVersion("kubeopencode.io/v1alpha1").withKind("Task").withNewMetadata()
          .withName(full).withNamespace(ns)
          .addToLabels("kubeopencode.io/agent", source + "-" + agent).endMetadata()
          .addToAdditionalProperties("spec", Map.of("agentRef", Map.of("name",
              source + "-" + agent), "description", "work")).build()).create();
    }
    GenericKubernetesResource t = tasks.withName(full).get();
    t.setAdditionalProperty("status", Map.of("phase", phase));
    tasks.resource(t).updateStatus();
  }

  private void newCommit() {
    commit++;
    revision = "main@sha1:" + String.format("%040x", commit * 0x1111111L);
  }

  private Snapshot snapshot() {
    return new Snapshot(new IdTree(repo), revision, repo.toString());
  }

  private void configMap(int i, String value) throws IOException {
    write("cm" + i, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + source + "-cm" + i
        + "\ndata:\n  k: " + value + "\n");
  }

  private void template(String dir) throws IOException {
    write("template", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: AgentTemplate
        metadata: {name: %s-devbox, annotations: {roster.dev/external-refs: "ServiceAccount/*"}}
        spec: {workspaceDir: %s, serviceAccountName: agent}
        """.formatted(source, dir));
  }

  private void agent(String name, String image, int maxTasks) throws IOException {
    write("agent-" + name, """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: %s-%s
          annotations: {roster.dev/external-refs: "ServiceAccount/*"}
        spec:
          templateRef: {name: %s-devbox}
          executorImage: %s
          maxConcurrentTasks: %d
        """.formatted(source, name, source, image, maxTasks));
  }

  private void komputer(String name, int priority) throws IOException {
    write("komputer-" + name, """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata:
          name: %s-%s
          annotations: {roster.dev/external-refs: "KomputerAgentTemplate/*"}
        spec: {instructions: research, priority: %d}
        """.formatted(source, name, priority));
  }

  private void write(String name, String yaml) throws IOException {
    Files.writeString(repo.resolve(name + ".yaml"), yaml);
  }
}
