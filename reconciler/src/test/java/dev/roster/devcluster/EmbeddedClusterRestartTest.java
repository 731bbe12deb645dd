package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.KubeClients;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded cluster as an API server that dies and comes back empty on the same port (issue
 * 9's fault): stopping it with a watch open, old clients reaching the new server.
 */
class EmbeddedClusterRestartTest {
  static final String AGENT_API = EmbeddedClusterTest.AGENT_API;

  @Test
  void aClientMadeBeforeTheRestartSeesTheRestartedServerEmpty() throws Exception {
    try (EmbeddedCluster cluster = EmbeddedCluster.start();
        KubernetesClient before = KubeClients.forUrl(cluster.url(), "default")) {
      int port = cluster.port();
      int crds = before.apiextensions().v1().customResourceDefinitions().list().getItems().size();
      before.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
          .endMetadata().build()).create();
      before.configMaps().inNamespace("team-a").resource(configMap("settings")).create();
      before.genericKubernetesResources(AGENT_API, "KomputerAgent").inNamespace("team-a")
          .resource(EmbeddedClusterTest.agent("coder", "red", "x")).create();
      BlockingQueue<String> added = new LinkedBlockingQueue<>();
      try (Watch watch = before.configMaps().inNamespace("default").watch(adds(added))) {
        cluster.stop(); // with the watch's connection open
        assertFalse(cluster.running());
        assertThrows(KubernetesClientException.class,
            () -> before.configMaps().inNamespace("team-a").list());

        cluster.restart();
        assertTrue(cluster.running());
        assertEquals(port, cluster.port());
        assertEquals("http://127.0.0.1:" + port, cluster.url());
        assertEquals(List.of(), before.configMaps().inAnyNamespace().list().getItems());
        assertEquals(List.of(), before.genericKubernetesResources(AGENT_API, "KomputerAgent")
            .inAnyNamespace().list().getItems());
        assertEquals(EmbeddedCluster.NAMESPACES.stream().sorted().toList(),
            before.namespaces().list().getItems().stream()
                .map(n -> n.getMetadata().getName()).sorted().toList());
        assertEquals(crds,
            before.apiextensions().v1().customResourceDefinitions().list().getItems().size());

        // The watch opened before the stop reconnects to the new server by itself.
        cluster.requests().reset();
        cluster.client().configMaps().inNamespace("default").resource(configMap("after"))
            .create();
        assertEquals(1, cluster.requests().count("POST"));
        assertEquals("after", added.poll(30, TimeUnit.SECONDS), "no ADDED event after restart");
      }
    }
  }

  @Test
  void restartFailsClearlyWhileThePortIsTakenAndWorksOnceFree() throws Exception {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      cluster.stop();
      cluster.stop(); // idempotent
      try (ServerSocket squatter =
          new ServerSocket(cluster.port(), 1, InetAddress.getByName("127.0.0.1"))) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, cluster::restart);
        assertInstanceOf(BindException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("127.0.0.1:" + cluster.port()),
            e.getCause().getMessage());
        assertFalse(cluster.running());
      }
      cluster.restart();
      cluster.restart(); // from running: stops first
      assertTrue(cluster.running());
      cluster.client().configMaps().inNamespace("default").resource(configMap("c")).create();
      assertEquals(1, cluster.client().configMaps().inNamespace("default").list().getItems()
          .size());
    }
  }

  static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("k", "v").build();
  }

  static Watcher<ConfigMap> adds(BlockingQueue<String> names) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap c) {
        if (action == Action.ADDED) {
          names.add(c.getMetadata().getName());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
