package dev.roster.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.ResourceKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An update is one request: the JSON Patch alone, no read of the object before it (the client
 * reads a resource addressed by name before patching it); a patch of a moved or gone object is
 * still a conflict.
 */
class PatchRequestsTest {
  private static final ResourceKey KEY = new ResourceKey("", "ConfigMap", "default", "one");

  private static List<Map<String, Object>> ops(String rv, String value) {
    return List.of(Map.of("op", "test", "path", "/metadata/resourceVersion", "value", rv),
        Map.of("op", "replace", "path", "/data/k", "value", value));
  }

  @Test
  void anUpdateIsOnePatch() {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      ConfigMap cm = cluster.client().configMaps().inNamespace("default").resource(
          new ConfigMapBuilder().withNewMetadata().withName("one").endMetadata()
              .withData(Map.of("k", "v")).build()).create();
      ClusterWriter writer = new ClusterWriter(cluster.client(),
          new ResourceResolver(cluster.client()));
      writer.get(KEY, "v1"); // discovery, once
      cluster.requests().reset();
      writer.patch(KEY, "v1", ops(cm.getMetadata().getResourceVersion(), "w"));
      assertEquals(Map.of("PATCH", 1L), cluster.requests().byMethod());
      assertEquals("w", cluster.client().configMaps().inNamespace("default").withName("one")
          .get().getData().get("k"));
      ClusterException moved = assertThrows(ClusterException.class,
          () -> writer.patch(KEY, "v1", ops(cm.getMetadata().getResourceVersion(), "x")));
      assertEquals(ClusterReason.CONFLICT, moved.reason());
      cluster.client().configMaps().inNamespace("default").withName("one").delete();
      ClusterException gone = assertThrows(ClusterException.class,
          () -> writer.patch(KEY, "v1", ops("1", "x")));
      assertEquals(ClusterReason.CONFLICT, gone.reason());
    }
  }
}
