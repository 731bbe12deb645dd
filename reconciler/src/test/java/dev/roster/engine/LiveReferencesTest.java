package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.Problem;
import dev.roster.plan.Plan;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a cluster, plan and apply resolve a reference Git does not against live objects: an error
 * only when the object is missing there too. roster.yaml is read, never applied.
 */
class LiveReferencesTest {
  @TempDir Path repo;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(repo);
    f.cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("team").endMetadata().build()).create();
    f.write("agent.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          namespace: team
        spec:
          workspaceDir: /workspace
          serviceAccountName: coder-sa
        """);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aReferenceMissingFromGitAndTheClusterIsAnError() {
    InvalidDesiredStateException e = assertThrows(InvalidDesiredStateException.class, f::plan);
    List<String> lines = e.report().problems().stream().map(Problem::format).toList();
    assertEquals(List.of("agent.yaml:8:3: Agent/coder: /spec/serviceAccountName: ServiceAccount"
        + " \"coder-sa\" is defined neither in the repo nor in the cluster in namespace \"team\":"
        + " add it to the repo, create it in the cluster, or, if something else creates it"
        + " later, list \"ServiceAccount/coder-sa\" under externalRefs in roster.yaml"), lines);
  }

  @Test
  void aLiveObjectResolvesTheReference() {
    f.cluster.client().serviceAccounts().inNamespace("team").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("coder-sa").endMetadata().build()).create();
    Plan p = f.sync();
    assertEquals("create", RolloutFixture.change(p, "Agent", "coder").action().name()
        .toLowerCase());
  }

  @Test
  void aLiveObjectInAnotherNamespaceDoesNot() {
    f.cluster.client().serviceAccounts().inNamespace("default").resource(
        new ServiceAccountBuilder().withNewMetadata().withName("coder-sa").endMetadata()
            .build()).create();
    assertThrows(InvalidDesiredStateException.class, f::plan);
  }

  @Test
  void rosterYamlIsReadButNeverApplied() {
    f.write("roster.yaml", """
        apiVersion: roster.dev/v1alpha1
        kind: RepoConfig
        externalRefs: [team/ServiceAccount/coder-sa]
        """);
    Plan p = f.sync();
    assertEquals(List.of("Agent/coder"), p.changes().stream()
        .map(c -> c.key().kind() + "/" + c.key().name()).toList());
    Plan again = f.sync();
    assertTrue(again.changes().stream().noneMatch(c -> c.key().kind().equals("RepoConfig")),
        again.changes().toString());
  }
}
