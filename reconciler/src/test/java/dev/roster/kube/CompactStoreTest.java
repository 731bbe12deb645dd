package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live cache's one stored form: the same trees, in the same order, as a full conversion of
 * the fabric8 object; the same objects back for the informer; and the same plans.
 */
class CompactStoreTest {
  static EmbeddedCluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static GenericKubernetesResource resource(String name, String value) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("ConfigMap")
        .withNewMetadata().withName(name).withNamespace("default").withGeneration(3L)
        .withUid("u-" + name).withResourceVersion("7").withCreationTimestamp("2026-01-01T00:00:00Z")
        .withFinalizers("f").withAnnotations(Map.of("x", "y")).withLabels(Map.of("a", "b"))
        .addNewOwnerReference().withApiVersion("v1").withKind("Pod").withName("p").withUid("u")
        .endOwnerReference().addNewManagedField().withManager("m").withOperation("Apply")
        .withApiVersion("v1").endManagedField().endMetadata()
        .withAdditionalProperties(new LinkedHashMap<>(Map.of("data", Map.of("k", value),
            "list", List.of(Map.of("n", 1L), "s", 2.5, true))))
        .build();
  }

  /** JSON of a tree: equal strings mean equal values in the same order. */
  private static String json(Object tree) {
    return client.getKubernetesSerialization().asJson(tree);
  }

  @Test
  void keepsWhatAFullConversionMakesReadOnlyAndInOrder() {
    GenericKubernetesResource r = resource("x", "v");
    Map<String, Object> compact = CompactStore.compact(client, r);
    assertEquals(Trees.toMap(client, r), compact);
    assertEquals(json(Trees.toMap(client, r)), json(compact));
    assertThrows(UnsupportedOperationException.class, () -> compact.put("data", Map.of()));
    Map<?, ?> meta = (Map<?, ?>) compact.get("metadata");
    assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) meta.get("labels"))
        .clear());
    // shared: the same key and label value from two objects are one instance each
    Map<?, ?> other = (Map<?, ?>) CompactStore.compact(client, resource("y", "w"))
        .get("metadata");
    assertSame(((Map<?, ?>) meta.get("labels")).get("a"),
        ((Map<?, ?>) other.get("labels")).get("a"));
  }

  @Test
  void givesTheInformerBackWhatWasPut() {
    CompactStore store = new CompactStore(client);
    GenericKubernetesResource one = resource("x", "1");
    GenericKubernetesResource two = resource("x", "2");
    String key = store.getKey(one);
    assertEquals("default/x", key);
    assertNull(store.put(key, one));
    assertEquals(one, store.get(key));
    assertEquals(one, store.put(key, two));
    assertEquals(List.of(two), store.values().toList());
    assertEquals(List.of(key), store.keySet().toList());
    assertEquals(1, store.size());
    assertEquals(two, store.remove(key));
    assertNull(store.get(key));
    assertNull(store.remove(key));
    assertEquals(0, store.size());
  }

  /**
   * Planned against the cache's compact trees and against LiveReader's full conversions, the same
   * desired objects give equal plans: unchanged, updated (live drifted) and created ones.
   */
  @Test
  void compactLiveObjectsPlanAsPlainOnes() {
    String source = "compact";
    Planner planner = new Planner(new KindOrder(SchemaCatalog.bundled()));
    Planner.Options o = new Planner.Options(source, "rev1", "https://git.example/r.git");
    List<DesiredObject> desired = new ArrayList<>();
    for (String n : List.of("same", "drifted", "created")) {
      Map<String, Object> tree = new LinkedHashMap<>();
      tree.put("apiVersion", "v1");
      tree.put("kind", "ConfigMap");
      tree.put("metadata", new LinkedHashMap<>(Map.of("name", n, "namespace", "default",
          "labels", Map.of("team", "core"))));
      tree.put("data", Map.of("k", "v", "list", "[1, 2]"));
      desired.add(new DesiredObject(new ResourceKey("", "ConfigMap", "default", n), "v1", tree,
          new Origin(n + ".yaml", 0, 1, 1)));
    }
    Map<String, String> versions = Map.of("/ConfigMap", "v1");
    Set<ResourceKey> keys = desired.stream().map(DesiredObject::key)
        .collect(Collectors.toSet());
    LiveReader reader = new LiveReader(client, new ResourceResolver(client));
    Plan first = planner.plan(desired, reader.read(keys, versions), Inventory.empty(source), o);
    for (Change c : first.changes()) {
      if (!c.key().name().equals("created")) {
        client.resource(Trees.toResource(client, c.desired())).create();
      }
    }
    client.configMaps().inNamespace("default").withName("drifted")
        .edit(cm -> { cm.getData().put("k", "changed live"); return cm; });
    Inventory inventory = new Inventory(source, "rev1", keys);
    try (LiveCache cache = new LiveCache(client, source)) {
      Map<ResourceKey, LiveObject> compact = cache.read(keys, versions);
      Map<ResourceKey, LiveObject> plain = reader.read(keys, versions);
      assertEquals(plain, compact);
      assertTrue(compact.values().stream().allMatch(l -> isReadOnly(l.object())));
      Plan fromCompact = planner.plan(desired, compact, inventory, o);
      Plan fromPlain = planner.plan(desired, plain, inventory, o);
      assertEquals(fromPlain, fromCompact);
      assertEquals(json(fromPlain.changes()), json(fromCompact.changes()));
      assertEquals(Map.of("same", Action.UNCHANGED, "drifted", Action.UPDATE,
          "created", Action.CREATE), fromCompact.changes().stream()
          .collect(Collectors.toMap(c -> c.key().name(), Change::action)));
    }
  }

  private static boolean isReadOnly(Map<String, Object> tree) {
    try {
      tree.put("x", "y");
      return false;
    } catch (UnsupportedOperationException e) {
      return true;
    }
  }
}
