package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.InventoryStore;
import dev.roster.kube.LiveCache;
import dev.roster.load.LoadOptions;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.source.DirectoryTree;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
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

/**
 * The cached engine's no-op shortcut against the full path: whenever it answers, its plan is the
 * listing engine's; a live edit, a verification, a changed inventory or revision makes it plan.
 */
class NoopShortcutTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final ApplyOptions APPLY = ApplyOptions.defaults().withConcurrency(2);
  static EmbeddedCluster cluster;

  @TempDir Path repo;
  private final Semaphore drifts = new Semaphore(0);
  private String source;
  private LiveCache live;
  private Engine engine;
  private Engine plain;
  private static final List<Action> SAME = List.of(Action.UNCHANGED, Action.UNCHANGED);

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
    source = "noop-" + System.nanoTime();
    live = new LiveCache(cluster.client(), source);
    Engine.Settings settings =
        new Engine.Settings(source, "default", "default", LoadOptions.defaults(), false);
    engine = Engine.cached(CATALOG, cluster.client(), settings, live, drifts::release);
    plain = Engine.oneShot(CATALOG, cluster.client(), settings);
    for (String n : List.of("a", "b")) {
      Files.writeString(repo.resolve(n + ".yaml"), "apiVersion: v1\nkind: ConfigMap\n"
          + "metadata:\n  name: " + source + "-" + n + "\ndata:\n  k: v\n");
    }
  }

  @AfterEach
  void close() {
    live.close();
  }

  private Snapshot snapshot(String revision) {
    return new Snapshot(new IdTree(repo), revision, repo.toString());
  }

  /**
   * Plans with the cached engine and checks the plan against the listing engine's (and its
   * actions against {@code expected} unless null); whether the shortcut answered.
   */
  private boolean planAndCompare(String revision, List<Action> expected) {
    long before = engine.plansReused();
    Engine.PlanRun cached = engine.plan(snapshot(revision));
    if (expected != null) {
      assertEquals(expected, cached.plan().changes().stream().map(Change::action).toList());
    }
    assertEquals(plain.plan(snapshot(revision)).plan(), cached.plan());
    return engine.plansReused() > before;
  }

  /**
   * Plans until the shortcut answers: the informers report Roster's own writes a moment after
   * they land, and each such event rightly forces a full plan. Every plan is compared.
   */
  private void planUntilReused(String revision) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // Until the informers saw Roster's own last writes, the cache may still plan them.
    while (!engine.plan(snapshot(revision)).plan().changes().stream().map(Change::action)
        .toList().equals(SAME)) {
      assertTrue(System.nanoTime() < deadline, "the cache never caught up");
    }
    while (!planAndCompare(revision, SAME)) {
      assertTrue(System.nanoTime() < deadline, "the shortcut never answered");
    }
    assertTrue(planAndCompare(revision, SAME), "nothing moved: answered again");
  }

  private void edit(String name, String value) {
    cluster.client().configMaps().inNamespace("default").withName(source + "-" + name)
        .edit(cm -> {
          cm.setData(Map.of("k", value));
          return cm;
        });
  }

  @Test
  void answersOnlyWhileNothingMoved() throws Exception {
    engine.apply(engine.plan(snapshot("r1")), APPLY);
    planUntilReused("r1");
    // A hand edit: the watch event moves the live version.
    edit("a", "hand");
    assertTrue(drifts.tryAcquire(20, TimeUnit.SECONDS), "no drift signalled");
    assertFalse(planAndCompare("r1", List.of(Action.UPDATE, Action.UNCHANGED)));
    engine.apply(engine.plan(snapshot("r1")), APPLY);
    planUntilReused("r1");
    // A verification (watch error, resync) never believes the cache.
    engine.verifyNext();
    assertFalse(planAndCompare("r1", SAME));
    planUntilReused("r1");
    // Another revision of the same tree: the options differ.
    assertFalse(planAndCompare("r2", SAME));
    planUntilReused("r2");
    // A Git edit: another tree, another desired state.
    Files.writeString(repo.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata:\n  name: " + source + "-b\ndata:\n  k: git\n");
    assertFalse(planAndCompare("r2", List.of(Action.UNCHANGED, Action.UPDATE)));
  }

  @Test
  void plansAgainWhenTheInventoryMoved() {
    engine.apply(engine.plan(snapshot("r1")), APPLY);
    planUntilReused("r1");
    cluster.client().configMaps().inNamespace("default").withName(InventoryStore.name(source))
        .delete();
    assertFalse(planAndCompare("r1", null));
  }

  @Test
  void neverAnswersAPlanThatChangesSomething() {
    assertFalse(planAndCompare("r1", List.of(Action.CREATE, Action.CREATE)));
    assertFalse(planAndCompare("r1", List.of(Action.CREATE, Action.CREATE)));
  }
}
