package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import dev.roster.kube.KubeClients;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the store index: the same random request sequence (creates, conflicts,
 * gets, 404s, updates with fresh and stale resourceVersions, JSON and merge patches, deletes with
 * and without finalizers, collection deletes, lists by namespace and cluster-wide, with label
 * and field selectors) sent over HTTP to the stock CRUD dispatcher and to the indexed one gets
 * the same status and body for every request, and watches on both see the same events.
 */
class IndexedCrudDispatcherTest {
  private static final String[] NAMESPACES = {"a", "b"};
  private static final String[] PLURALS = {"configmaps", "secrets"};
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static {
    // else one INFO line per request
    Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
  }

  @Test
  void answersAndWatchEventsMatchTheStockDispatcher() throws Exception {
    KubernetesMockServer stock = listen(new KubernetesCrudDispatcher());
    IndexedCrudDispatcher index = new IndexedCrudDispatcher();
    KubernetesMockServer indexed = listen(index);
    try (KubernetesClient stockClient = KubeClients.forUrl(url(stock), "a");
        KubernetesClient indexedClient = KubeClients.forUrl(url(indexed), "a")) {
      Events stockEvents = new Events();
      Events indexedEvents = new Events();
      List<Watch> watches = new ArrayList<>(stockEvents.watch(stockClient));
      watches.addAll(indexedEvents.watch(indexedClient));
      Random random = new Random(14);
      int differentStatuses = 0;
      for (int i = 0; i < 1500; i++) {
        String[] op = request(random);
        String a = send(stock, op);
        String b = send(indexed, op);
        assertEquals(a, b, "request " + i + ": " + String.join(" ", op));
        differentStatuses += a.startsWith("200") ? 0 : 1;
      }
      assertTrue(differentStatuses > 100, "the sequence must also exercise 404 and 409");
      assertTrue(index.narrowed() > 1000, "the index must answer: " + index.narrowed());
      ConfigMap end = new ConfigMapBuilder().withNewMetadata().withName("zz-end")
          .addToLabels("app", "x").endMetadata().build();
      stockClient.configMaps().inNamespace("a").resource(end).create();
      indexedClient.configMaps().inNamespace("a").resource(end).create();
      assertTrue(stockEvents.end.await(30, TimeUnit.SECONDS));
      assertTrue(indexedEvents.end.await(30, TimeUnit.SECONDS));
      assertTrue(stockEvents.seen.get("all").size() > 200, "watches must see events");
      assertTrue(stockEvents.seen.get("a,app=x").size() > 50, "watches must see events");
      assertEquals(stockEvents.seen, indexedEvents.seen);
      watches.forEach(Watch::close);
    } finally {
      stock.destroy();
      indexed.destroy();
    }
  }

  /** method, path, content type, body. */
  private static String[] request(Random r) {
    String ns = NAMESPACES[r.nextInt(2)];
    String plural = PLURALS[r.nextInt(2)];
    String name = "n" + r.nextInt(12);
    String collection = "/api/v1/namespaces/" + ns + "/" + plural;
    String object = collection + "/" + name;
    String kind = plural.equals("configmaps") ? "ConfigMap" : "Secret";
    int dice = r.nextInt(100);
    if (dice < 25) {
      return new String[] {"POST", collection, "application/json", body(r, kind, ns, name, null)};
    } else if (dice < 40) {
      return new String[] {"GET", object, null, null};
    } else if (dice < 50) {
      String rv = r.nextBoolean() ? null : String.valueOf(r.nextInt(400));
      return new String[] {"PUT", object, "application/json", body(r, kind, ns, name, rv)};
    } else if (dice < 57) {
      return new String[] {"PATCH", object, "application/merge-patch+json",
          "{\"metadata\":{\"labels\":{\"tier\":\"" + r.nextInt(3) + "\"}},\"data\":null}"};
    } else if (dice < 62) {
      return new String[] {"PATCH", object, "application/json-patch+json",
          "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"app\":\"y\"}}]"};
    } else if (dice < 72) {
      return new String[] {"DELETE", object, null, null};
    } else if (dice < 74) {
      return new String[] {"DELETE", collection + "?labelSelector=app%3Dy", null, null};
    }
    String[] lists = {collection, "/api/v1/" + plural, collection + "?labelSelector=app%3Dx",
        "/api/v1/" + plural + "?labelSelector=app%3Dx,tier%3D1",
        "/api/v1/" + plural + "?labelSelector=app%21%3Dx", collection + "?labelSelector=tier",
        "/api/v1/" + plural + "?fieldSelector=metadata.name%3D" + name,
        collection + "?fieldSelector=metadata.namespace%3D" + ns};
    return new String[] {"GET", lists[r.nextInt(lists.length)], null, null};
  }

  private static String body(Random r, String kind, String ns, String name, String rv) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", ns);
    metadata.put("labels", Map.of("app", r.nextBoolean() ? "x" : "y", "tier", "" + r.nextInt(3)));
    if (r.nextInt(5) == 0) {
      metadata.put("finalizers", List.of("roster.dev/test"));
    }
    if (rv != null) {
      metadata.put("resourceVersion", rv);
    }
    return Serialization.asJson(Map.of("apiVersion", "v1", "kind", kind, "metadata", metadata,
        "data", Map.of("k", "v" + r.nextInt(1000))));
  }

  /** Status and body, with what differs by time or at random (uid, timestamps) masked. */
  private static String send(KubernetesMockServer server, String[] op) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(server) + op[1]));
    b.method(op[0], op[3] == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(op[3]));
    if (op[2] != null) {
      b.header("Content-Type", op[2]);
    }
    HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body()
        .replaceAll("\"(uid|creationTimestamp|deletionTimestamp)\":\"[^\"]*\"", "\"$1\":\"*\"");
  }

  private static KubernetesMockServer listen(KubernetesCrudDispatcher dispatcher)
      throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    return server;
  }

  private static String url(KubernetesMockServer server) {
    return "http://127.0.0.1:" + server.getPort();
  }

 /**
   * Events of a cluster-wide ConfigMap watch and of one on namespace a with app=x, each until the
   * ConfigMap zz-end appears.
   */
  private static final class Events {
    /** Per watch: its events, in order (the two watches' streams interleave at random). */
    final Map<String, List<String>> seen = Map.of("all", new CopyOnWriteArrayList<>(),
        "a,app=x", new CopyOnWriteArrayList<>());
    final CountDownLatch end = new CountDownLatch(2);

    List<Watch> watch(KubernetesClient client) {
      return List.of(client.configMaps().inAnyNamespace().watch(watcher("all")),
          client.configMaps().inNamespace("a").withLabel("app", "x").watch(watcher("a,app=x")));
    }

    private Watcher<ConfigMap> watcher(String which) {
      return new Watcher<>() {
        @Override
        public void eventReceived(Action action, ConfigMap cm) {
          record(which, action, cm);
        }

        @Override
        public void onClose(WatcherException cause) {
          // the test closes it
        }
      };
    }

    private void record(String which, Watcher.Action action, ConfigMap cm) {
      if ("zz-end".equals(cm.getMetadata().getName())) {
        end.countDown();
        return;
      }
 seen.get(which).add(action + " " + cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName()
          + " rv=" + cm.getMetadata().getResourceVersion() + " labels="
          + cm.getMetadata().getLabels() + " data=" + cm.getData());
    }
  }
}
