package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.KubeClients;
import dev.roster.validate.KindId;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedClusterTest {
  static final String AGENT_API = "komputer.komputer.ai/v1alpha1";
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

  @Test
  void servesOnLoopbackOverHttp() {
    assertEquals("http://127.0.0.1:" + cluster.port(), cluster.url());
    assertTrue(cluster.port() > 0);
    Set<String> names = client.namespaces().list().getItems().stream()
        .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
    assertTrue(names.containsAll(EmbeddedCluster.NAMESPACES), names::toString);
  }

  @Test
  void registersACrdForEveryCatalogKind() {
    Map<String, CustomResourceDefinition> crds = client.apiextensions().v1()
        .customResourceDefinitions().list().getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
    SchemaCatalog catalog = SchemaCatalog.bundled();
    int nonCore = 0;
    for (KindId k : catalog.kinds()) {
      if (k.group().isEmpty()) {
        continue;
      }
      nonCore++;
      CustomResourceDefinition crd = crds.get(Plurals.of(k.kind()) + "." + k.group());
      assertNotNull(crd, "no CRD for " + k.apiVersionKind());
      boolean cluster = catalog.profile(k.group(), k.kind()).scope() == Profile.Scope.CLUSTER;
      assertEquals(cluster ? "Cluster" : "Namespaced", crd.getSpec().getScope(), k.kind());
      assertEquals(k.kind(), crd.getSpec().getNames().getKind());
      assertTrue(crd.getSpec().getVersions().stream().anyMatch(v -> v.getName().equals(k.version())
          && v.getSchema().getOpenAPIV3Schema().getXKubernetesPreserveUnknownFields()));
    }
    assertEquals(nonCore, crds.size());
    assertNotNull(crds.get("komputermemories.komputer.komputer.ai"));
    assertNotNull(crds.get("komputeroffices.komputer.komputer.ai"));
    assertEquals(List.of("ag"), crds.get("agents.kubeopencode.io").getSpec().getNames()
        .getShortNames());
  }

  @Test
  void genericKomputerAgentLifecycle() {
    var agents = client.genericKubernetesResources(AGENT_API, "KomputerAgent");
    agents.inNamespace("team-a").resource(agent("alpha", "blue", "do things")).create();
    agents.inNamespace("team-a").resource(agent("beta", "green", "other things")).create();

    List<GenericKubernetesResource> blue =
        agents.inNamespace("team-a").withLabel("tier", "blue").list().getItems();
    assertEquals(List.of("alpha"), names(blue));
    assertEquals(2, agents.inNamespace("team-a").withLabel("tier").list().getItems().size());
    assertTrue(agents.inAnyNamespace().withLabel("tier", "blue").list().getItems().stream()
        .anyMatch(a -> "team-a".equals(a.getMetadata().getNamespace())));

    String patch = "[{\"op\":\"replace\",\"path\":\"/spec/instructions\",\"value\":\"new\"},"
        + "{\"op\":\"add\",\"path\":\"/metadata/labels/extra\",\"value\":\"yes\"}]";
    GenericKubernetesResource patched = agents.inNamespace("team-a").withName("alpha")
        .patch(PatchContext.of(PatchType.JSON), patch);
    assertEquals("new", spec(patched).get("instructions"));
    assertEquals("yes", patched.getMetadata().getLabels().get("extra"));
    assertEquals(2L, patched.getMetadata().getGeneration());

    agents.inNamespace("team-a").withName("alpha").delete();
    assertNull(agents.inNamespace("team-a").withName("alpha").get());
    assertEquals(List.of("beta"), names(agents.inNamespace("team-a").list().getItems()));
  }

  @Test
  void clusterScopedKinds() {
    var configs = client.genericKubernetesResources(AGENT_API, "KomputerConfig");
    GenericKubernetesResource config = new GenericKubernetesResourceBuilder()
        .withApiVersion(AGENT_API).withKind("KomputerConfig")
        .withNewMetadata().withName("komputer").endMetadata()
        .addToAdditionalProperties("spec", Map.of("redis", Map.of("address", "redis:6379")))
        .build();
    GenericKubernetesResource created = client.resource(config).create();
    assertNull(created.getMetadata().getNamespace());
    assertEquals(List.of("komputer"), names(configs.list().getItems()));

    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-z")
        .addToLabels("roster.dev/managed", "true").endMetadata().build()).create();
    assertEquals(List.of("team-z"), client.namespaces().withLabel("roster.dev/managed", "true")
        .list().getItems().stream().map(n -> n.getMetadata().getName()).toList());
    client.namespaces().withName("team-z").delete();
    assertNull(client.namespaces().withName("team-z").get());
  }

  @Test
  void writtenKubeconfigWorksWithKubeClients(@TempDir Path dir) throws Exception {
    Path file = cluster.writeKubeconfig(dir.resolve("sub/roster-dev.kubeconfig"));
    try (KubernetesClient fromFile = KubeClients.fromKubeconfig(file, null)) {
      assertEquals(cluster.url() + "/", fromFile.getConfiguration().getMasterUrl());
      assertEquals("default", fromFile.getConfiguration().getNamespace());
      assertTrue(names(fromFile.namespaces().list().getItems()).contains("kube-system"));
    }
    try (KubernetesClient named = KubeClients.fromKubeconfig(file, EmbeddedCluster.NAME)) {
      assertFalse(named.namespaces().list().getItems().isEmpty());
    }
  }

  @Test
  void setBasedSelectorsFilterListsAndAreRefusedForDelete() {
    var agents = client.genericKubernetesResources(AGENT_API, "KomputerAgent").inNamespace("sets");
    agents.resource(agent("red-1", "red", "x")).create();
    agents.resource(agent("blue-1", "blue", "x")).create();
    agents.resource(agent("green-1", "green", "x")).create();
    assertEquals(List.of("blue-1", "red-1"),
        names(agents.withLabelIn("tier", "red", "blue").list().getItems()));
    assertEquals(List.of("green-1"),
        names(agents.withLabelNotIn("tier", "red", "blue").list().getItems()));
    var refused = assertThrows(KubernetesClientException.class,
        () -> agents.withLabelIn("tier", "red").delete());
    assertEquals(400, refused.getCode());
    assertEquals(3, agents.list().getItems().size());
  }

  @Test
  void dryRunIsRefusedNotPerformed() {
    var agents = client.genericKubernetesResources(AGENT_API, "KomputerAgent").inNamespace("dry");
    var refused = assertThrows(KubernetesClientException.class,
        () -> agents.resource(agent("ghost", "red", "x")).dryRun().create());
    assertEquals(400, refused.getCode());
    assertNull(agents.withName("ghost").get());
  }

  @Test
  void fabric8WatchesWork() throws Exception {
    var agents = client.genericKubernetesResources(AGENT_API, "KomputerAgent").inNamespace("w");
    CountDownLatch added = new CountDownLatch(1);
    try (Watch w = agents.watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, GenericKubernetesResource r) {
        if (action == Action.ADDED && "watched".equals(r.getMetadata().getName())) {
          added.countDown();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      agents.resource(agent("watched", "red", "x")).create();
      assertTrue(added.await(30, TimeUnit.SECONDS), "no ADDED event");
    }
  }

  static GenericKubernetesResource agent(String name, String tier, String instructions) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(AGENT_API).withKind("KomputerAgent")
        .withNewMetadata().withName(name).addToLabels("tier", tier).endMetadata()
        .addToAdditionalProperties("spec", new java.util.HashMap<>(Map.of(
            "instructions", instructions, "model", "claude")))
        .build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  static List<String> names(List<? extends HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).sorted().toList();
  }
}
