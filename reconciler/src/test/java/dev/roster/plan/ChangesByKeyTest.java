package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential: who a ConfigMap or a cluster template reaches, answered from {@link
 * ChangesByKey}'s index kept through a random walk of changes put, replaced and removed (agents
 * naming ConfigMaps in lists and by a second path, KomputerAgents naming a template or leaving
 * it out, prunes without a desired object), equals a scan of every change.
 */
class ChangesByKeyTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final Profile.Rollout CONFIG_MAP = CATALOG.profile("", "ConfigMap").rollout();
  private static final Profile.Rollout TEMPLATE = CATALOG.profile("komputer.komputer.ai",
      "KomputerAgentClusterTemplate").rollout();
  private static final List<String> NAMESPACES = List.of("a", "b");

  private final Random random = new Random(Long.getLong("changesByKey.seed", 14));

  @Test
  void indexAnswersAsTheScan() {
    assertTrue(!CONFIG_MAP.reaches().isEmpty() && !TEMPLATE.reaches().isEmpty());
    ChangesByKey index = new ChangesByKey();
    Map<ResourceKey, Change> plain = new HashMap<>();
    int reached = 0;
    for (int step = 0; step < 2000; step++) {
      ResourceKey key = referrer();
      if (random.nextInt(5) == 0) {
        assertEquals(plain.remove(key), index.remove(key));
      } else {
        Change c = change(key);
        assertEquals(plain.put(key, c), index.put(key, c));
      }
      if (step < 300 && random.nextInt(50) != 0) {
        continue; // the index is built on the first question, mid-walk
      }
      for (String ns : List.of("a", "b", "")) {
        for (int i = 0; i < 4; i++) {
          Change target = target(ns, i);
          Profile.Rollout p = ns.isEmpty() ? TEMPLATE : CONFIG_MAP;
          List<ResourceKey> scanned = RolloutClassifier.scan(target, p, plain);
          assertEquals(scanned, RolloutClassifier.reached(target, p, index), "step " + step);
          reached += scanned.size();
        }
      }
      assertEquals(plain, index);
    }
    assertTrue(reached > 1000, "the walk reached little: " + reached);
  }

  /** A ConfigMap {@code cm<i>} in {@code ns}, or with no namespace the template {@code t<i>}. */
  private static Change target(String ns, int i) {
    ResourceKey k = ns.isEmpty()
        ? new ResourceKey("komputer.komputer.ai", "KomputerAgentClusterTemplate", "",
            i == 0 ? "default" : "t" + i)
        : new ResourceKey("", "ConfigMap", ns, "cm" + i);
    return Change.builder(k, "v1", Action.UPDATE).desired(Map.of()).build();
  }

  private ResourceKey referrer() {
    String ns = NAMESPACES.get(random.nextInt(2));
    return random.nextBoolean()
        ? new ResourceKey("kubeopencode.io", "Agent", ns, "agent" + random.nextInt(12))
        : new ResourceKey("komputer.komputer.ai", "KomputerAgent", ns, "ka" + random.nextInt(8));
  }

  private Change change(ResourceKey key) {
    Action a = random.nextInt(6) == 0 ? Action.PRUNE : Action.UNCHANGED;
    Map<String, Object> spec = new LinkedHashMap<>();
    if (key.kind().equals("Agent")) {
      List<Object> contexts = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        contexts.add(random.nextInt(4) == 0 ? Map.of("type", "Inline")
            : Map.of("configMap", Map.of("name", "cm" + random.nextInt(4))));
      }
      spec.put("contexts", contexts);
      if (random.nextInt(3) == 0) {
        spec.put("caBundle", Map.of("configMapRef", Map.of("name", "cm" + random.nextInt(4))));
      }
    } else if (random.nextBoolean()) {
      spec.put("templateRef", random.nextBoolean() ? "default" : "t" + random.nextInt(4));
    }
    Map<String, Object> desired = Map.of("metadata", Map.of("name", key.name(), "namespace",
        key.namespace()), "spec", spec);
    return Change.builder(key, "v1", a).desired(a == Action.PRUNE ? null : desired).build();
  }
}
