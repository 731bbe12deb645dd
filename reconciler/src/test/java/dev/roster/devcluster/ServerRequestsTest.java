package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerRequestsTest {
  EmbeddedCluster cluster;
  KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = EmbeddedCluster.start();
    client = cluster.client();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void countsSeedingUntilReset() {
    assertTrue(cluster.requests().count("POST") >= EmbeddedCluster.NAMESPACES.size(),
        cluster.requests()::toString);
    cluster.requests().reset();
    assertEquals(Map.of(), cluster.requests().byMethod());
    assertEquals(List.of(), cluster.requests().recent());
  }

  @Test
  void countsWhatTheServerReceivedByMethod() {
    cluster.requests().reset();
    client.configMaps().inNamespace("default").resource(configMap()).create();
    client.configMaps().inNamespace("default").withName("c").get();
    client.configMaps().inNamespace("default").withName("c").patch(
        PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/data/b\",\"value\":\"2\"}]");
    client.configMaps().inNamespace("default").withName("c").delete();

    ServerRequests r = cluster.requests();
    assertEquals(1, r.count("POST"));
    assertEquals(1, r.count("patch"));
    assertEquals(1, r.count("DELETE"));
    assertEquals(0, r.count("PUT"));
    assertTrue(r.count("GET") >= 1);
    assertEquals(3, r.writes());
    List<ServerRequests.Request> writes = r.recentWrites();
    assertEquals(List.of("POST", "PATCH", "DELETE"),
        writes.stream().map(ServerRequests.Request::method).toList());
    assertEquals("/api/v1/namespaces/default/configmaps/c", writes.get(1).path());
    assertTrue(writes.get(1).contentType().startsWith("application/json-patch+json"),
        writes.get(1).contentType());
  }

  @Test
  void keepsTheQueryAndContentTypeOfServerSideApply() {
    cluster.requests().reset();
    client.configMaps().inNamespace("default").resource(configMap()).fieldManager("tester")
        .forceConflicts().serverSideApply();

    ServerRequests.Request apply = cluster.requests().recentWrites().get(0);
    assertEquals("PATCH", apply.method());
    assertTrue(apply.contentType().startsWith(ApplyShim.APPLY_PATCH), apply.contentType());
    assertEquals("tester", apply.query("fieldManager"));
    assertEquals("true", apply.query("force"));
    assertEquals(null, apply.query("dryRun"));
  }

  @Test
  void keepsOnlyTheLastRequests() {
    cluster.requests().reset();
    for (int i = 0; i < ServerRequests.KEEP + 5; i++) {
      client.configMaps().inNamespace("default").withName("absent").get();
    }
    assertEquals(ServerRequests.KEEP + 5, cluster.requests().count("GET"));
    assertEquals(ServerRequests.KEEP, cluster.requests().recent().size());
  }

  private static ConfigMap configMap() {
    return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("default")
        .endMetadata().addToData("a", "1").build();
  }
}
