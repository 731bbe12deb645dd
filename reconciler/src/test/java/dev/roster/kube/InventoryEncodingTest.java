package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Inventory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store that reuses its last encoding of a key set, and patches only what differs from what it
 * wrote last, leaves the bytes a fresh store (the full path: every key sorted and compressed,
 * the whole ConfigMap replaced) leaves, inventory after inventory, also when another writer
 * moved or deleted the ConfigMap in between; it encodes again only for another key set.
 */
class InventoryEncodingTest {
  static EmbeddedCluster cluster;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    for (String ns : new String[] {"kept", "fresh"}) {
      cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(ns).endMetadata().build()).create();
    }
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static Set<ResourceKey> keys(int from, int to) {
    Set<ResourceKey> s = new HashSet<>();
    for (int i = from; i < to; i++) {
      s.add(new ResourceKey(i % 2 == 0 ? "" : "apps", i % 3 == 0 ? "ConfigMap" : "Deployment",
          "ns-" + (i % 4), "o-" + i));
    }
    return Set.copyOf(s);
  }

  @Test
  void reusedEncodingIsTheFreshOne() {
    InventoryStore kept = new InventoryStore(cluster.client(), "kept");
    Set<ResourceKey> first = keys(0, 500);
    Map<ResourceKey, String> runs = Map.of(new ResourceKey("", "ConfigMap", "ns-0", "o-0"),
        "abc ");
    Inventory[] passes = {
      new Inventory("s", "r1", first),
      new Inventory("s", "r2", first), // a one-file change: same set, revision moves
      new Inventory("s", "r3", first, runs), // runs join
      new Inventory("s", "r4", first, Map.copyOf(runs)), // equal runs, another map
      new Inventory("s", "r5", keys(0, 500)), // an equal set, another instance
      new Inventory("s", "r6", keys(0, 501)),
      new Inventory("s", "r6", keys(1, 501), runs, 3),
      new Inventory("s", "r7", Set.of()),
    };
    long[] encodings = {1, 1, 1, 1, 2, 3, 4, 5};
    for (int i = 0; i < passes.length; i++) {
      if (i == 3) { // another writer moves both ConfigMaps
        for (String ns : new String[] {"kept", "fresh"}) {
          cluster.client().configMaps().inNamespace(ns).withName(InventoryStore.name("s"))
              .edit(cm -> {
                cm.getData().put("revision", "elsewhere");
                return cm;
              });
        }
      }
      if (i == 6) { // or deletes them
        for (String ns : new String[] {"kept", "fresh"}) {
          cluster.client().configMaps().inNamespace(ns).withName(InventoryStore.name("s"))
              .delete();
        }
      }
      long refused = kept.patchesRefused();
      cluster.requests().reset();
      kept.write(passes[i]);
      Map<String, Long> methods = cluster.requests().byMethod();
      assertEquals(i == 3 || i == 6 ? refused + 1 : refused, kept.patchesRefused(), "pass " + i);
      if (i > 0 && i != 3 && i != 6) {
        assertEquals(Map.of("PATCH", 1L), methods, "pass " + i + ": only what differs is sent");
      }
      new InventoryStore(cluster.client(), "fresh").write(passes[i]);
      ConfigMap a = read("kept");
      ConfigMap b = read("fresh");
      assertEquals(b.getData(), a.getData(), "pass " + i);
      assertEquals(b.getBinaryData(), a.getBinaryData(), "pass " + i + ": the same bytes");
      assertEquals(passes[i], kept.read("s"));
      assertEquals(encodings[i], kept.encodings(), "pass " + i);
    }
  }

  /**
   * After {@link InventoryStore#forget} (a server that may have come back empty, reusing
   * resourceVersions) nothing it wrote before is trusted: the next write sends the whole
   * ConfigMap, encoded again, not a patch against the maps it sent to that history.
   */
  @Test
  void forgetTrustsNothingWrittenBefore() {
    InventoryStore store = new InventoryStore(cluster.client(), "kept");
    Set<ResourceKey> keys = keys(0, 50);
    store.write(new Inventory("forgot", "r1", keys));
    store.write(new Inventory("forgot", "r2", keys));
    assertEquals(1, store.encodings(), "the same set is encoded once");
    store.forget();
    cluster.requests().reset();
    store.write(new Inventory("forgot", "r3", keys));
    assertEquals(2, store.encodings(), "encoded again after forget");
    assertEquals(null, cluster.requests().byMethod().get("PATCH"), "no patch after forget");
    assertEquals(new Inventory("forgot", "r3", keys), store.read("forgot"));
  }

  private static ConfigMap read(String ns) {
    return cluster.client().configMaps().inNamespace(ns).withName(InventoryStore.name("s")).get();
  }
}
