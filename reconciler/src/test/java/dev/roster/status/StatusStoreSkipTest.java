package dev.roster.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.devcluster.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store that replaces what it wrote last without reading it first stores, update after update,
 * what a fresh store (the full path: read, then replace) stores, also when another writer moved
 * the status or deleted it in between; and it skips the read only while nothing else wrote.
 */
class StatusStoreSkipTest {
  static EmbeddedCluster cluster;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    for (String ns : new String[] {"kept", "fresh"}) {
      cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(ns).endMetadata().build()).create();
    }
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static Function<Optional<SourceStatus>, SourceStatus> pass(int i) {
    Instant now = Records.T0.plusSeconds(i);
    return previous -> StatusReducer.next(previous.orElseGet(() -> StatusReducer.initial("s",
        "https://user:secret@example.com/repo.git", "main", Records.T0)),
        i % 3 == 2 ? Records.failed(Records.rev("b" + i), Conditions.APPLY_FAILED,
            "failed at https://user:secret@example.com/x", now)
            : Records.ok(Records.rev("a" + i), now), ManagedCounts.NONE, now);
  }

  @Test
  void storesWhatAReadThenReplaceStores() {
    StatusStore kept = new StatusStore(cluster.client(), "kept");
    for (int i = 0; i < 12; i++) {
      if (i == 5) { // another writer (roster apply) moves both
        for (String ns : new String[] {"kept", "fresh"}) {
          new StatusStore(cluster.client(), ns).update("s", pass(100));
        }
      }
      if (i == 8) { // the status is deleted (or the API server came back empty)
        for (String ns : new String[] {"kept", "fresh"}) {
          cluster.client().configMaps().inNamespace(ns).withName(StatusStore.name("s")).delete();
        }
      }
      cluster.requests().reset();
      SourceStatus a = kept.update("s", pass(i));
      long reads = cluster.requests().count("GET");
      SourceStatus b = new StatusStore(cluster.client(), "fresh").update("s", pass(i));
      assertEquals(b, a, "update " + i);
      assertEquals(data("fresh"), data("kept"), "update " + i + ": the same document");
      assertEquals(i == 0 || i == 5 || i == 8 ? 1 : 0, reads, "update " + i + ": reads");
    }
  }

  private static Map<String, String> data(String ns) {
    ConfigMap cm = cluster.client().configMaps().inNamespace(ns).withName(StatusStore.name("s"))
        .get();
    return cm.getData();
  }
}
