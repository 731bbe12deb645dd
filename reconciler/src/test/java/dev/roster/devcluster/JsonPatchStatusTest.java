package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A JSON Patch whose test op fails gets 422, as from a real API server. */
class JsonPatchStatusTest {
  static EmbeddedCluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    client = cluster.client();
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("c").endMetadata().addToData("a", "1").build()).create();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aFailedTestOpIs422AndChangesNothing() {
    String version = client.configMaps().inNamespace("default").withName("c").get()
        .getMetadata().getResourceVersion();
    var e = assertThrows(KubernetesClientException.class, () -> patch(
        "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"stale\"},"
            + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"}]"));
    assertEquals(422, e.getCode());
    assertEquals("Invalid", e.getStatus().getReason());
    assertTrue(e.getStatus().getMessage().contains("/metadata/resourceVersion"),
        e.getStatus().getMessage());
    var after = client.configMaps().inNamespace("default").withName("c").get();
    assertEquals("1", after.getData().get("a"));
    assertEquals(version, after.getMetadata().getResourceVersion());
  }

  @Test
  void aMatchingTestOpApplies() {
    String version = client.configMaps().inNamespace("default").withName("c").get()
        .getMetadata().getResourceVersion();
    patch("[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + version
        + "\"},{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"2\"}]");
    assertEquals("2", client.configMaps().inNamespace("default").withName("c").get().getData()
        .get("b"));
  }

  private static void patch(String ops) {
    client.configMaps().inNamespace("default").withName("c")
        .patch(PatchContext.of(PatchType.JSON), ops);
  }
}
