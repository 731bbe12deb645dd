package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.LiveCache;
import dev.roster.load.LoadOptions;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.source.DirectoryTree;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serve's engine: same plans as the CLI's, and drift told apart from Roster's own writes. */
class EngineCacheTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final ApplyOptions APPLY = ApplyOptions.defaults().withConcurrency(2);
  static EmbeddedCluster cluster;

  @TempDir Path repo;
  private final Semaphore drifts = new Semaphore(0);
  private String source;
  private LiveCache live;
  private Engine engine;

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
    source = "cache-" + System.nanoTime();
    live = new LiveCache(cluster.client(), source);
    engine = Engine.cached(CATALOG, cluster.client(), settings(), live, drifts::release);
    write("cfg.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + source
        + "\ndata:\n  k: v\n");
  }

  @AfterEach
  void close() {
    live.close();
  }

  private Engine.Settings settings() {
    return new Engine.Settings(source, "default", "default", LoadOptions.defaults(), false);
  }

  private void write(String rel, String text) throws IOException {
    Files.writeString(repo.resolve(rel), text);
  }

  private Snapshot snapshot() {
    return new Snapshot(new DirectoryTree(repo), "dir:" + repo, repo.toString());
  }

  private static List<Action> actions(Engine.PlanRun run) {
    return run.plan().changes().stream().map(Change::action).toList();
  }

  private ConfigMap liveCm() {
    return cluster.client().configMaps().inNamespace("default").withName(source).get();
  }

  /** Waits for one drift signal and checks no other came before it. */
  private void awaitOneDrift() throws InterruptedException {
    assertTrue(drifts.tryAcquire(20, TimeUnit.SECONDS), "no drift signalled");
    assertEquals(0, drifts.availablePermits());
  }

  @Test
  void plansAsTheListingEngineDoes() {
    Engine plain = Engine.oneShot(CATALOG, cluster.client(), settings());
    assertEquals(plain.plan(snapshot()).plan(), engine.plan(snapshot()).plan());
    engine.apply(engine.plan(snapshot()), APPLY);
    Engine.PlanRun cached = engine.plan(snapshot());
    assertEquals(List.of(Action.UNCHANGED), actions(cached));
    assertEquals(plain.plan(snapshot()).plan(), cached.plan());
  }

  @Test
  void signalsHandEditsButNotItsOwnWrites() throws Exception {
    engine.apply(engine.plan(snapshot()), APPLY); // create: not drift
    var cms = cluster.client().configMaps().inNamespace("default").withName(source);
    cms.edit(cm -> {
      cm.getMetadata().getLabels().put("team", "x"); // a field Git does not set: not drift
      return cm;
    });
    cms.edit(cm -> {
      cm.setData(Map.of("k", "edited"));
      return cm;
    });
    awaitOneDrift();
    Engine.PlanRun revert = engine.plan(snapshot());
    assertEquals(List.of(Action.UPDATE), actions(revert));
    engine.apply(revert, APPLY);
    assertEquals("v", liveCm().getData().get("k"));
    cms.delete();
    assertTrue(drifts.tryAcquire(20, TimeUnit.SECONDS), "no drift signalled");
  }

  @Test
  void signalsAnAgentTurningUnhealthyOncePerEntry() throws Exception {
    String name = "agent-" + source.substring(source.indexOf('-') + 1);
    write("agent.yaml", "apiVersion: komputer.komputer.ai/v1alpha1\nkind: KomputerAgent\n"
        + "metadata: {name: " + name + ", namespace: default}\n"
        + "spec: {instructions: research, role: worker}\n");
    engine.apply(engine.plan(snapshot()), APPLY);
    var all = cluster.client().genericKubernetesResources("komputer.komputer.ai/v1alpha1",
        "KomputerAgent").inNamespace("default");
    var agents = all.withName(name);
    java.util.function.Consumer<Map<String, Object>> status = st -> {
      var r = agents.get();
      r.setAdditionalProperty("status", st);
      all.resource(r).updateStatus();
    };
    status.accept(Map.of("phase", "Sleeping")); // a normal state: no pass
    status.accept(Map.of("phase", "Failed", "taskStatus", "Error"));
    awaitOneDrift(); // turned unhealthy: a pass records it
    status.accept(Map.of("phase", "Failed", "taskStatus", "Complete")); // still failed: no pass
    agents.edit(r -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
      spec.put("role", "manager"); // a hand edit of a field Git sets: drift
      return r;
    });
    awaitOneDrift(); // only the hand edit, delivered after the status update it follows
  }
}
