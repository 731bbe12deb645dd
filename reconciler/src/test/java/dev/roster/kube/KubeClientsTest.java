package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsTest {
  static final String TWO_CONTEXTS = String.join("\n",
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: a",
      "  cluster: {server: 'https://a.example.com:6443'}",
      "- name: b",
      "  cluster: {server: 'https://b.example.com:6443'}",
      "contexts:",
      "- name: ctx-a",
      "  context: {cluster: a, user: u, namespace: ns-a}",
      "- name: ctx-b",
      "  context: {cluster: b, user: u}",
      "current-context: ctx-a",
      "users:",
      "- name: u",
      "  user: {}",
      "");

  @Test
  void currentAndNamedContext(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    try (KubernetesClient a = KubeClients.fromKubeconfig(file, null)) {
      assertEquals("https://a.example.com:6443/", a.getConfiguration().getMasterUrl());
      assertEquals("ns-a", a.getConfiguration().getNamespace());
    }
    try (KubernetesClient b = KubeClients.fromKubeconfig(file, "ctx-b")) {
      assertEquals("https://b.example.com:6443/", b.getConfiguration().getMasterUrl());
    }
  }

  @Test
  void timeoutsAndRetries(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    try (KubernetesClient c = KubeClients.fromKubeconfig(file, null)) {
      Config config = c.getConfiguration();
      assertEquals(5_000, config.getConnectionTimeout());
      assertEquals(30_000, config.getRequestTimeout());
      assertEquals(KubeClients.RETRY_LIMIT, config.getRequestRetryBackoffLimit());
    }
  }

  @Test
  void unknownContextIsAnErrorNotAFallback(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    ClusterException e = assertThrows(ClusterException.class,
        () -> KubeClients.fromKubeconfig(file, "prod"));
    assertEquals(ClusterReason.KUBECONFIG_INVALID, e.reason());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("'prod'"), e.getMessage());
  }

  @Test
  void missingFile(@TempDir Path dir) {
    ClusterException e = assertThrows(ClusterException.class,
        () -> KubeClients.fromKubeconfig(dir.resolve("absent"), null));
    assertEquals(ClusterReason.KUBECONFIG_INVALID, e.reason());
  }
}
