package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterExceptionTest {
  @ParameterizedTest
  @CsvSource({
    "401, Unauthorized, false",
    "403, Forbidden, false",
    "404, NotFound, false",
    "409, Conflict, true",
    "400, Invalid, false",
    "422, Invalid, false",
    "415, Invalid, false",
    "429, TooManyRequests, true",
    "500, ServerError, true",
    "503, ServerError, true",
  })
  void mapsByCode(int code, String reason, boolean retryable) {
    var status = new StatusBuilder().withCode(code).withMessage("words that must not matter")
        .build();
    ClusterException e = ClusterException.from(new KubernetesClientException("x", code, status));
    assertEquals(reason, e.reason());
    assertEquals(retryable, e.retryable());
    assertTrue(e.getMessage().contains("words that must not matter"), e.getMessage());
  }

  @Test
  void clientSideErrorWithoutIoCauseIsInvalid() {
    ClusterException e = ClusterException.from(new KubernetesClientException("no such kind"));
    assertEquals(ClusterException.INVALID, e.reason());
    assertFalse(e.retryable());
  }

  @Test
  void realAnswersFromTheEmbeddedCluster() {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      KubernetesClient client = cluster.client();
      ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
      client.configMaps().resource(cm).create();
      var dup = assertThrows(KubernetesClientException.class,
          () -> client.configMaps().resource(cm).create());
      assertEquals(ClusterException.CONFLICT, ClusterException.from(dup).reason());

      var missing = assertThrows(KubernetesClientException.class, () -> client.configMaps()
          .resource(new ConfigMapBuilder().withNewMetadata().withName("absent").endMetadata()
              .build()).update());
      assertEquals(ClusterException.NOT_FOUND, ClusterException.from(missing).reason());

      var noKind = assertThrows(KubernetesClientException.class,
          () -> client.genericKubernetesResources("nope.example.com/v1", "Nope").list());
      assertEquals(ClusterException.INVALID, ClusterException.from(noKind).reason());
    }
  }

  @Test
  void connectionRefusedIsUnreachableAndRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (KubernetesClient client = KubeClients.forUrl("http://127.0.0.1:" + port, "default")) {
      var e = assertThrows(KubernetesClientException.class,
          () -> client.namespaces().list());
      ClusterException mapped = ClusterException.from(e);
      assertEquals(ClusterException.CLUSTER_UNREACHABLE, mapped.reason());
      assertTrue(mapped.retryable());
      assertTrue(mapped.getMessage().startsWith("cluster unreachable: "), mapped.getMessage());
    }
  }
}
