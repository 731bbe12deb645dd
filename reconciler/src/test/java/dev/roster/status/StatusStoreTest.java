package dev.roster.status;

import static dev.roster.status.Records.T0;
import static dev.roster.status.Records.failed;
import static dev.roster.status.Records.ok;
import static dev.roster.status.Records.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.kube.ClusterException;
import dev.roster.kube.KubeClients;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusStoreTest {
  static EmbeddedCluster cluster;
  static KubernetesClient client;
  StatusStore store;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void clean() {
    client.configMaps().inNamespace("default").delete();
    client.configMaps().inNamespace("kube-system").delete();
    store = new StatusStore(client, "default");
  }

  static SourceStatus status(String source) {
    SourceStatus s = StatusReducer.initial(source, "https://git.example/" + source + ".git",
        "main", T0);
    s = StatusReducer.next(s, ok(rev("a1"), T0), new ManagedCounts(3, 0, 1), T0.plusSeconds(2));
    return StatusReducer.next(s, failed(rev("b2"), "ValidationFailed", "1 error in 'x.yaml'",
        T0.plusSeconds(60)), null, T0.plusSeconds(61));
  }

  @Test
  void roundTripsThroughALabelledConfigMap() {
    SourceStatus s = status("app");
    store.write(s);

    assertEquals(Optional.of(s), store.read("app"));
    ConfigMap cm = client.configMaps().inNamespace("default").withName("roster-status-app").get();
    assertEquals(Map.of("app.kubernetes.io/managed-by", "roster", "roster.dev/status", "true"),
        cm.getMetadata().getLabels());
    assertEquals("app", cm.getData().get("source"));
    assertEquals(s, StatusJson.read(cm.getData().get("status.json")));
  }

  @Test
  void absentSourceReadsEmpty() {
    assertEquals(Optional.empty(), store.read("nope"));
    assertEquals(List.of(), store.list());
  }

  @Test
  void writeReplacesThePreviousDocument() {
    store.write(status("app"));
    SourceStatus newer = StatusReducer.next(status("app"), ok(rev("c3"), T0.plusSeconds(120)),
        null, T0.plusSeconds(121));
    store.write(newer);
    assertEquals(Optional.of(newer), store.read("app"));
  }

  @Test
  void listsEverySourceSortedAndSkipsOtherConfigMaps() {
    store.write(status("web"));
    store.write(status("api"));
    new StatusStore(client, "kube-system").write(status("elsewhere"));
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("roster-inventory-api").endMetadata()
        .withData(Map.of("count", "0")).build()).create();
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("roster-status-broken").addToLabels("roster.dev/status", "true")
        .endMetadata().withData(Map.of("status.json", "{not json")).build()).create();

    assertEquals(List.of("api", "web"), store.list().stream().map(SourceStatus::source).toList());
    assertEquals(Optional.empty(), store.read("broken"), "unparsable reads as absent");
    store.write(status("broken"));
    assertEquals(Optional.of(status("broken")), store.read("broken"), "and is replaced");
  }

  @Test
  void survivesANewStoreAndClient() {
    store.write(status("app"));
    try (KubernetesClient other = KubeClients.forUrl(cluster.url(), "default")) {
      StatusStore restarted = new StatusStore(other, "default");
      assertEquals(Optional.of(status("app")), restarted.read("app"));
      assertEquals(List.of(status("app")), restarted.list());
    }
  }

  @Test
  void updateRetriesWhenAnotherWriterWins() {
    store.write(status("app"));
    StatusStore other = new StatusStore(client, "default");
    AtomicInteger calls = new AtomicInteger();
    SourceStatus result = store.update("app", previous -> {
      if (calls.incrementAndGet() == 1) {
        other.update("app", p -> StatusReducer.next(p.orElseThrow(), ok(rev("o1"), T0), null, T0));
      }
      return StatusReducer.next(previous.orElseThrow(), ok(rev("m1"), T0), null, T0);
    });

    assertEquals(2, calls.get(), "re-read after the conflict");
    assertEquals(List.of(rev("m1"), rev("o1")),
        result.history().subList(0, 2).stream().map(ReconcileRecord::revision).toList());
    assertEquals(Optional.of(result), store.read("app"));
  }

  @Test
  void updateCreatesWhenAbsentAndGivesUpAfterRepeatedConflicts() {
    SourceStatus created = store.update("new",
        p -> p.orElseGet(() -> StatusReducer.initial("new", "", "", T0)));
    assertEquals(Optional.of(created), store.read("new"));

    AtomicInteger calls = new AtomicInteger();
    ClusterException e = assertThrows(ClusterException.class, () -> store.update("new", p -> {
      calls.incrementAndGet();
      store.write(StatusReducer.next(p.orElseThrow(), ok(rev("x"), T0), null, T0));
      return p.orElseThrow();
    }));
    assertEquals(ClusterException.CONFLICT, e.reason());
    assertEquals(StatusStore.ATTEMPTS, calls.get());
  }

  @Test
  void redactsCredentialsInRepoAndMessages() {
    SourceStatus s = StatusReducer.initial("app", "https://bot:s3cr3t@git.example/app.git", "",
        T0);
    s = StatusReducer.next(s, failed("", "SourceFetchFailed",
        "failed to fetch https://bot:s3cr3t@git.example/app.git: timeout", T0), null, T0);
    store.write(s);

    String json = client.configMaps().inNamespace("default").withName("roster-status-app").get()
        .getData().get("status.json");
    assertFalse(json.contains("s3cr3t"), json);
    SourceStatus read = store.read("app").orElseThrow();
    assertEquals("https://git.example/app.git", read.repo());
    assertTrue(read.history().get(0).message().contains("https://git.example/app.git"));
  }

  @Test
  void namesAreValidConfigMapNames() {
    assertEquals("roster-status-my-app-x", StatusStore.name("My_App/x"));
    assertTrue(StatusStore.name("a".repeat(300)).length() <= 253);
  }
}
