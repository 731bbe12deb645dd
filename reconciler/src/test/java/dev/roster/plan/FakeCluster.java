package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in API server for plan tests: creates, JSON-patches and deletes objects the way apply
 * would, and on every write does what a server does — drops null fields, stamps server metadata
 * (uid, resourceVersion, generation, creationTimestamp, managedFields), fills CRD defaults (an
 * Agent's {@code spec.port: 4096} and {@code protocol: TCP} on each {@code spec.extraPorts} item),
 * writes status, and turns numbers into what a JSON client reads back.
 */
final class FakeCluster {
  private final Map<ResourceKey, Map<String, Object>> objects = new LinkedHashMap<>();
  private int resourceVersion = 100;
  private int uid;

  /** Snapshot for the planner: deep copies, so a plan cannot see later writes. */
  Map<ResourceKey, LiveObject> live() {
    Map<ResourceKey, LiveObject> out = new LinkedHashMap<>();
    objects.forEach((k, v) -> out.put(k, new LiveObject(k, Trees.copyMap(v))));
    return out;
  }

  Map<String, Object> get(ResourceKey key) {
    Map<String, Object> o = objects.get(key);
    return o == null ? null : Trees.copyMap(o);
  }

  /** Puts an object as someone else created it (kubectl, another tool), with server fields. */
  ResourceKey create(Map<String, Object> object) {
    ResourceKey key = keyOf(object);
    objects.put(key, admit(object, null));
    return key;
  }

  /** A hand edit: the object is patched outside Roster. */
  void edit(ResourceKey key, List<Map<String, Object>> ops) {
    Map<String, Object> current = objects.get(key);
    assertNotNull(current, "no live " + key);
    objects.put(key, admit(JsonPatch.apply(current, ops), current));
  }

  /**
   * Carries out the writes of a plan, in plan order, and returns the inventory apply would store:
   * every object Git defines and Roster now owns.
   */
  Inventory apply(Plan plan) {
    Set<ResourceKey> inventory = new LinkedHashSet<>();
    for (Change c : plan.changes()) {
      Map<String, Object> current = objects.get(c.key());
      switch (c.action()) {
        case CREATE -> {
          assertNull(current, "create of an existing " + c.key());
          assertEquals(c.key(), keyOf(c.desired()), "created object has the change's identity");
          objects.put(c.key(), admit(Trees.copyMap(c.desired()), null));
        }
        case UPDATE -> {
          assertNotNull(current, "update of a missing " + c.key());
          objects.put(c.key(), admit(JsonPatch.apply(current, c.patch()), current));
        }
        case PRUNE -> {
          assertNotNull(current, "prune of a missing " + c.key());
          objects.remove(c.key());
        }
        default -> {
          // UNCHANGED, REFUSED, ORPHANED: no write
        }
      }
      if (c.action() == Action.CREATE || c.action() == Action.UPDATE
          || c.action() == Action.UNCHANGED) {
        inventory.add(c.key());
      }
    }
    return new Inventory(plan.source(), plan.revision(), Set.copyOf(inventory));
  }

  static ResourceKey keyOf(Map<String, Object> object) {
    String apiVersion = String.valueOf(object.get("apiVersion"));
    int slash = apiVersion.indexOf('/');
    Map<?, ?> meta = (Map<?, ?>) object.get("metadata");
    Object ns = meta.get("namespace");
    return new ResourceKey(slash < 0 ? "" : apiVersion.substring(0, slash),
        String.valueOf(object.get("kind")), ns == null ? "" : String.valueOf(ns),
        String.valueOf(meta.get("name")));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> admit(Map<String, Object> object, Map<String, Object> previous) {
    Map<String, Object> o = Trees.copyMap(object);
    dropNulls(o);
    Map<String, Object> meta = (Map<String, Object>) o.computeIfAbsent("metadata",
        k -> new LinkedHashMap<>());
    Map<String, Object> prevMeta = previous == null ? Map.of()
        : (Map<String, Object>) previous.get("metadata");
    meta.put("uid", previous == null ? "uid-" + ++uid : prevMeta.get("uid"));
    meta.put("resourceVersion", String.valueOf(++resourceVersion));
    long generation = previous == null ? 1
        : ((Number) prevMeta.get("generation")).longValue() + 1;
    meta.put("generation", generation);
    meta.put("creationTimestamp", previous == null ? "2026-01-01T00:00:00Z"
        : prevMeta.get("creationTimestamp"));
    meta.put("managedFields", List.of(Map.of("manager", "roster", "operation", "Update",
        "fieldsType", "FieldsV1", "fieldsV1", Map.of("f:metadata", Map.of()))));
    if ("kubeopencode.io".equals(keyOf(o).group()) && "Agent".equals(o.get("kind"))
        && o.get("spec") instanceof Map<?, ?> spec) {
      Map<String, Object> s = (Map<String, Object>) spec;
      s.putIfAbsent("port", 4096);
      if (s.get("extraPorts") instanceof List<?> ports) {
        for (Object p : ports) {
          if (p instanceof Map<?, ?> item) {
            ((Map<String, Object>) item).putIfAbsent("protocol", "TCP");
          }
        }
      }
    }
    if (!"ConfigMap".equals(o.get("kind"))) {
      o.put("status", new LinkedHashMap<>(Map.of("phase", "Ready",
          "observedGeneration", generation)));
    }
    // what a client reads back: JSON numbers as Integer/Long/Double
    return Trees.JSON.readValue(Trees.toJson(o), LinkedHashMap.class);
  }

  private static void dropNulls(Object tree) {
    if (tree instanceof Map<?, ?> m) {
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        if (e.getValue() == null) {
          it.remove();
        } else {
          dropNulls(e.getValue());
        }
      }
    } else if (tree instanceof List<?> l) {
      new ArrayList<>(l).forEach(FakeCluster::dropNulls);
    }
  }
}
