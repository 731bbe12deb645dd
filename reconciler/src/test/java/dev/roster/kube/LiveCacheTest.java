package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Ownership;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live state from informers: same answers as LiveReader, no list calls once warm. */
class LiveCacheTest {
  private static final Map<String, String> V1 = Map.of("/ConfigMap", "v1");
  private static final AtomicInteger SOURCES = new AtomicInteger();
  static EmbeddedCluster cluster;

  private record Event(ResourceKey key, LiveObject live) {}

  private final RequestCounter counter = new RequestCounter();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private KubernetesClient client;
  private String source;
  private LiveCache cache;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void open() {
    source = "live" + SOURCES.incrementAndGet();
    client = KubeClients.forUrl(cluster.url(), "default", counter);
    cache = new LiveCache(client, source);
    cache.listen((k, l) -> events.add(new Event(k, l)));
  }

  @AfterEach
  void close() {
    cache.close();
    client.close();
  }

  private String name(String n) {
    return source + "-" + n;
  }

  private ResourceKey key(String n) {
    return new ResourceKey("", "ConfigMap", "default", name(n));
  }

  /** Creates or replaces a ConfigMap (not through the counted client). */
  private void put(String n, boolean ours, String value) {
    ConfigMapBuilder b = new ConfigMapBuilder().withNewMetadata().withName(name(n))
        .withNamespace("default").endMetadata().withData(Map.of("k", value));
    if (ours) {
      b.editMetadata().addToLabels(Ownership.SOURCE, source).endMetadata();
    }
    ConfigMap cm = b.build();
    cluster.client().configMaps().inNamespace("default").resource(cm).createOr(c -> c.update());
  }

  private Event next() throws InterruptedException {
    Event e = events.poll(20, TimeUnit.SECONDS);
    assertNotNull(e, "no informer event");
    return e;
  }

  private static Object data(LiveObject l) {
    return ((Map<?, ?>) l.object().get("data")).get("k");
  }

  @Test
  void answersAsLiveReaderAndThenWithoutAnyRequest() {
    put("a", true, "1");
    put("b", true, "2");
    put("c", false, "3");
    Set<ResourceKey> keys = Set.of(key("a"), key("b"), key("c"), key("absent"));
    Map<ResourceKey, LiveObject> first = cache.read(keys, V1);
    Map<ResourceKey, LiveObject> listed = new LiveReader(client, new ResourceResolver(client))
        .read(keys, V1);
    assertEquals(listed, first);
    assertEquals(Set.of(key("a"), key("b"), key("c")), first.keySet());
    assertTrue(cache.informed().contains("/ConfigMap"));
    counter.reset();
    assertEquals(Map.of(key("a"), first.get(key("a")), key("b"), first.get(key("b"))),
        cache.read(Set.of(key("a"), key("b")), V1));
    assertEquals(0, counter.total());
  }

  @Test
  void makesTheTreesAFullConversionMakes() {
    GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("ConfigMap")
        .withNewMetadata().withName("x").withNamespace("default").withGeneration(3L)
        .withFinalizers("f").withAnnotations(Map.of()).withLabels(Map.of("a", "b"))
        .addNewOwnerReference().withApiVersion("v1").withKind("Pod").withName("p").withUid("u")
        .endOwnerReference().withDeletionGracePeriodSeconds(30L)
        .withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()
        .withAdditionalProperties(Map.of("data", Map.of("k", "v"), "n", 1))
        .build();
    assertEquals(Trees.toMap(client, r), KindInformer.shallow(client, r));
    r.getMetadata().setAdditionalProperty("future", List.of(1));
    assertEquals(Trees.toMap(client, r), KindInformer.shallow(client, r));
  }

  @Test
  void seesCreatesUpdatesAndDeletes() throws InterruptedException {
    assertEquals(Map.of(), cache.read(Set.of(key("a")), V1));
    put("a", true, "1");
    Event created = next();
    assertEquals(key("a"), created.key());
    assertEquals("1", data(created.live()));
    put("a", true, "2");
    assertEquals("2", data(next().live()));
    counter.reset();
    assertEquals("2", data(cache.read(Set.of(key("a")), V1).get(key("a"))));
    assertEquals(0, counter.total());
    cluster.client().configMaps().inNamespace("default").withName(name("a")).delete();
    Event deleted = next();
    assertEquals(key("a"), deleted.key());
    assertNull(deleted.live());
    assertEquals(Map.of(), cache.read(Set.of(key("a")), V1));
  }

  @Test
  void readsAKeyTheInformerLacksWithOneGet() {
    put("theirs", false, "1");
    cache.read(Set.of(key("warm")), V1);
    counter.reset();
    Map<ResourceKey, LiveObject> r = cache.read(Set.of(key("theirs")), V1);
    assertEquals("1", data(r.get(key("theirs"))));
    assertEquals(Map.of("get", 1L), counter.snapshot());
  }

  @Test
  void listsInsteadWhenManyKeysAreMissing() {
    cache.read(Set.of(key("warm")), V1);
    Set<ResourceKey> many = new HashSet<>();
    for (int i = 0; i <= LiveCache.GET_LIMIT; i++) {
      many.add(key("m" + i));
    }
    counter.reset();
    assertEquals(Map.of(), cache.read(many, V1));
    assertEquals(Map.of("list", 1L), counter.snapshot());
  }

  @Test
  void tellsNothingOfTheFirstList() throws InterruptedException {
    put("before", true, "1");
    cache.read(Set.of(key("before")), V1);
    put("after", true, "1");
    assertEquals(key("after"), next().key());
    assertEquals(List.of(), List.copyOf(events));
  }
}
