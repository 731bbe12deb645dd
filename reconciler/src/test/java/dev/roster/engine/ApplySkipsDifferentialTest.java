package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.devcluster.ServerRequests;
import dev.roster.kube.InventoryStore;
import dev.roster.kube.LiveCache;
import dev.roster.load.LoadOptions;
import dev.roster.plan.Change;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve's engine, pass after pass, against the full path: a fresh one-shot engine (nothing
 * remembered: every key hashed, the inventory built and encoded from scratch) on a second
 * cluster given the same repo. After every pass both clusters hold the same inventory bytes,
 * both applies made the same object and inventory writes, and reported the same outcomes.
 * (Serve's engine writes the inventory as a patch of what differs; the full path whole.)
 */
class ApplySkipsDifferentialTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final ApplyOptions APPLY = ApplyOptions.defaults().withConcurrency(2);
  private static final String SOURCE = "skips";
  static EmbeddedCluster served;
  static EmbeddedCluster full;

  @TempDir Path repo;

  @BeforeAll
  static void start() {
    served = EmbeddedCluster.start();
    full = EmbeddedCluster.start();
  }

  @AfterAll
  static void stop() {
    served.close();
    full.close();
  }

  private static Engine.Settings settings() {
    return new Engine.Settings(SOURCE, "default", "default", LoadOptions.defaults(), false);
  }

  private void file(String name, String value) throws IOException {
    Files.writeString(repo.resolve(name + ".yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata:\n  name: " + name + "\ndata:\n  k: " + value + "\n");
  }

  private Snapshot snapshot(String revision) {
    return new Snapshot(new IdTree(repo), revision, repo.toString());
  }

  @Test
  void everyPassWritesWhatTheFullPathWrites() throws Exception {
    try (LiveCache live = new LiveCache(served.client(), SOURCE)) {
      Engine engine = Engine.cached(CATALOG, served.client(), settings(), live, () -> { });
      for (int i = 0; i < 8; i++) {
        file("cm-" + i, "v0");
      }
      pass(engine, "r1"); // creates every object
      file("cm-3", "v1");
      pass(engine, "r2"); // one-file change: same key set, another revision
      pass(engine, "r3"); // nothing to write but the inventory's revision
      pass(engine, "r3"); // nothing at all
      file("cm-8", "v0");
      pass(engine, "r4"); // one more key
      Files.delete(repo.resolve("cm-1.yaml"));
      pass(engine, "r5"); // one key less: a prune
      file("cm-5", "v2");
      file("cm-6", "v2");
      pass(engine, "r6");
      file("cm-5", "v3");
      pass(engine, "r7");
    }
  }

  /** One pass of {@code revision} on both clusters; then every difference fails. */
  private void pass(Engine engine, String revision) {
    served.requests().reset();
    full.requests().reset();
    ApplyResult skipping = engine.apply(engine.plan(snapshot(revision)), APPLY);
    List<ServerRequests.Request> servedWrites = served.requests().recentWrites();
    Engine fresh = Engine.oneShot(CATALOG, full.client(), settings());
    ApplyResult reference = fresh.apply(fresh.plan(snapshot(revision)), APPLY);
    assertEquals(outcomes(reference), outcomes(skipping), revision);
    assertEquals(reference.inventory(), skipping.inventory(), revision);
    assertEquals(writes(full.requests().recentWrites()), writes(servedWrites), revision);
    ConfigMap a = inventory(served);
    ConfigMap b = inventory(full);
    assertEquals(b.getData(), a.getData(), revision);
    assertEquals(b.getBinaryData(), a.getBinaryData(), revision + ": the same inventory bytes");
    settle(engine, revision);
  }

  private static List<String> outcomes(ApplyResult r) {
    return r.outcomes().stream().map(o -> o.change().key() + " " + o.change().action() + " "
        + o.status()).toList();
  }

  /**
   * Writes by method and path, in order of path (a wave's writes run concurrently). The
   * inventory is a write whatever its method: sent whole (PUT) or as what differs (PATCH), its
   * bytes are compared after.
   */
  private static List<String> writes(List<ServerRequests.Request> requests) {
    return requests.stream().map(r -> (r.path().contains(InventoryStore.name(SOURCE))
        ? "WRITE" : r.method()) + " " + r.path().replaceAll("\\?.*", "")).sorted().toList();
  }

  private static ConfigMap inventory(EmbeddedCluster c) {
    return c.client().configMaps().inNamespace("default").withName(InventoryStore.name(SOURCE))
        .get();
  }

  /** Waits until the informers saw this pass's own writes: the cache plans nothing for it. */
  private void settle(Engine engine, String revision) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (engine.plan(snapshot(revision)).plan().changes().stream().anyMatch(Change::writes)) {
      assertTrue(System.nanoTime() < deadline, "the cache never caught up");
    }
  }
}
