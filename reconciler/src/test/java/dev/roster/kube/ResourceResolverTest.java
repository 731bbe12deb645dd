package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.CatalogCrds;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.validate.Profile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResourceResolverTest {
  static EmbeddedCluster cluster;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    cluster.client().apiextensions().v1().customResourceDefinitions().resource(CatalogCrds.crd(
        "example.dev", "Gadget", List.of("v1beta1", "v1"), Profile.Scope.CLUSTER)).create();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void resolvesServedKindsAndNothingElse() {
    ResourceResolver r = new ResourceResolver(cluster.client());
    var agent = r.resolve("kubeopencode.io/v1alpha1", "Agent").orElseThrow();
    assertEquals("agents", agent.getPlural());
    assertTrue(agent.isNamespaceScoped());
    assertEquals(Optional.empty(), r.resolve("example.dev/v1", "Widget"));
    assertEquals(Optional.empty(), r.resolve("kubeopencode.io/v1alpha1", "Widget"));
  }

  @Test
  void findsTheServedVersionOfAKindWithoutSchema() {
    ResourceResolver r = new ResourceResolver(cluster.client());
    assertEquals(Optional.of("v1"), r.servedVersion("", "ConfigMap"));
    assertEquals(Optional.of("kubeopencode.io/v1alpha1"), r.servedVersion("kubeopencode.io",
        "Task"));
    assertEquals(Optional.of("example.dev/v1"), r.servedVersion("example.dev", "Gadget"),
        "the preferred (storage) version");
    assertEquals(Optional.empty(), r.servedVersion("example.dev", "Widget"));
    assertEquals(Optional.empty(), r.servedVersion("", "Widget"));
    assertEquals(Optional.empty(), r.servedVersion("nowhere.example", "Widget"));
  }
}
