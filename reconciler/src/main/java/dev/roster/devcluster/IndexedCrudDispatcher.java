package dev.roster.devcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * fabric8's {@link KubernetesCrudDispatcher} with a {@link StoreIndex} in front of its store, so
 * that a GET, DELETE or the lookup behind a POST, PUT or PATCH costs what it returns, not what the
 * store holds (the stock dispatcher matches every stored object on each request).
 *
 * <p>Contract: every answer is the stock dispatcher's, byte for byte (status, body, item order,
 * list resourceVersion, watch events, 404 and 409); {@code IndexedCrudDispatcherTest} checks it
 * by sending the same requests to both. Watches, paths that are not resource paths, and any
 * request the index cannot narrow go to the stock code. The index follows the store through
 * {@link #processEvent}, where every stock write ends; if it ever disagrees with the store
 * (sizes differ, or a key is not where it was put) it is rebuilt from the store, and reads fall
 * back to the stock scan meanwhile. It uses the stock dispatcher's own read-write lock, taken
 * through its {@link #locked} hook, so readers and writers exclude each other exactly as before.
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private static final String NAME = KubernetesAttributesExtractor.NAME;
  private static final String PROBE = "/api/v1/namespaces/roster-index-probe/none/none";

  private final StoreIndex index = new StoreIndex();
  private final AtomicLong resourceVersion = new AtomicLong();
  private Lock readLock;
  private Lock writeLock;
  /** Label keys named by write paths' selectors (the mock may merge them into keys). */
  private final Set<String> selectorLabelKeys = new HashSet<>();
  private final AtomicLong narrowed = new AtomicLong();

  IndexedCrudDispatcher() {
    super.handleGet(PROBE); // on the empty store: 404, and locked() hands over the locks
    super.handleDelete(PROBE);
    if (readLock == null || writeLock == null) {
      throw new IllegalStateException("fabric8's KubernetesCrudDispatcher no longer reports its"
          + " locks through locked(Lock); the store index cannot be kept consistent");
    }
  }

  @Override
  protected void locked(Lock lock) {
    if (readLock == null && lock instanceof ReentrantReadWriteLock.ReadLock) {
      readLock = lock;
    } else if (writeLock == null && lock instanceof ReentrantReadWriteLock.WriteLock) {
      writeLock = lock;
    }
  }

  @Override
  public long requestResourceVersion() {
    long v = super.requestResourceVersion();
    resourceVersion.accumulateAndGet(v, Math::max);
    return v;
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.contains("watch") || !isResourcePath(path)) {
      return super.handleGet(path);
    }
    readLock.lock();
    try {
      AttributeSet query = getKey(path);
      List<AttributeSet> candidates = candidates(query, path);
      if (candidates != null) {
        List<String> items = new ArrayList<>();
        for (AttributeSet key : candidates) {
          if (key.matches(query)) {
            items.add(map.get(key));
          }
        }
        return answer(query, items);
      }
    } finally {
      readLock.unlock();
    }
    return super.handleGet(path);
  }

  @Override
  public MockResponse handleDelete(String path) {
    if (!isResourcePath(path)) {
      return super.handleDelete(path);
    }
    writeLock.lock();
    try {
      AttributeSet query = getKey(path);
      List<AttributeSet> candidates = candidates(query, path);
      if (candidates != null) {
        List<String> items = new ArrayList<>();
        for (AttributeSet key : candidates) {
          if (key.matches(query)) {
            String stored = map.get(key);
            items.add(stored);
            delete(path, query, key, stored);
          }
        }
        return answer(query, items);
      }
    } finally {
      writeLock.unlock();
    }
    return super.handleDelete(path);
  }

  /** As the stock store deletes: at once without finalizers, else marks it deleted once. */
  private void delete(String path, AttributeSet query, AttributeSet key, String stored) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(stored, GenericKubernetesResource.class);
    if (resource.getFinalizers().isEmpty()) {
      processEvent(path, query, key, null, null);
    } else if (!resource.isMarkedForDeletion()) {
      resource.getMetadata().setDeletionTimestamp(ZonedDateTime.now(ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
      processEvent(path, query, key, resource, Serialization.asJson(resource));
    }
  }

  /** The stock answer for a resource path: the object or 404 with a name, else a List. */
  private MockResponse answer(AttributeSet query, List<String> items) {
    MockResponse response = new MockResponse();
    if (query.containsKey(NAME)) {
      if (items.isEmpty()) {
        return response.setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
      }
      return response.setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
    }
    return response.setResponseCode(HttpURLConnection.HTTP_OK).setBody(
        ((KubernetesResponseComposer) responseComposer).compose(items,
            String.valueOf(resourceVersion.get())));
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
    // Called by the stock handlers with the lock held.
    List<AttributeSet> candidates = usable() ? index.candidates(attributes, List.of()) : null;
    if (candidates == null) {
      return super.findResource(attributes);
    }
    narrowed.incrementAndGet();
    for (AttributeSet key : candidates) {
      if (key.matches(attributes)) {
        return new AbstractMap.SimpleImmutableEntry<>(key, map.get(key));
      }
    }
    return null;
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    // Called with the write lock held. The new key is computed as the stock code computes it.
    AttributeSet newKey = null;
    Set<String> labelKeys = new HashSet<>(selectorLabelKeys);
    if (newState != null) {
      GenericKubernetesResource r = resource != null || newState.isEmpty() ? resource
          : Serialization.unmarshal(newState, GenericKubernetesResource.class);
      newKey = r == null ? new AttributeSet() : extractor().extract(r);
      if (!newKey.containsKey(KubernetesAttributesExtractor.PLURAL)) {
        newKey = AttributeSet.merge(pathAttributes, newKey);
      }
      labelKeys.addAll(labelKeys(r));
    }
    boolean displaces = newKey != null && !newKey.equals(oldAttributes) && map.containsKey(newKey);
    boolean newSelectorKeys = selectorLabelKeys.addAll(selectorKeys(path));
    labelKeys.addAll(selectorLabelKeys);
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (oldAttributes != null) {
      index.remove(oldAttributes);
    }
    if (newKey != null) {
      index.add(newKey, labelKeys);
    }
    if (displaces || newSelectorKeys || index.size() != map.size() || newKey != null && map.get(newKey) != newState) {
      rebuild();
    }
  }

  @Override
  public void reset() {
    super.reset();
    writeLock.lock();
    try {
      index.clear();
      selectorLabelKeys.clear();
    } finally {
      writeLock.unlock();
    }
  }

  /** Re-indexes the whole store, in its order. */
  private void rebuild() {
    index.clear();
    synchronized (map) {
      for (Map.Entry<AttributeSet, String> e : map.entrySet()) {
        GenericKubernetesResource r = e.getValue() == null || e.getValue().isEmpty() ? null
            : Serialization.unmarshal(e.getValue(), GenericKubernetesResource.class);
        Set<String> labelKeys = new HashSet<>(selectorLabelKeys);
        labelKeys.addAll(labelKeys(r));
        index.add(e.getKey(), labelKeys);
      }
    }
  }

  private static Set<String> labelKeys(GenericKubernetesResource r) {
    return r == null || r.getMetadata() == null || r.getMetadata().getLabels() == null
        ? Set.of() : r.getMetadata().getLabels().keySet();
  }

  /**
   * Every label key {@code path}'s label selector may name, liberally: what precedes an operator
   * in each requirement ({@code !k}, {@code k}, {@code k=v}, {@code k==v}, {@code k!=v}).
   */
  private static List<String> selectorKeys(String path) {
    String selector = path.contains("labelSelector") ? Selectors.query(path).get("labelSelector")
        : null;
    List<String> out = new ArrayList<>();
    if (selector != null) {
      for (String requirement : selector.split(",")) {
        String k = requirement.trim().replaceFirst("^!", "").split("!=|==|=|\\s", 2)[0];
        if (!k.isEmpty()) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** Requests answered through the index (for tests: proof that the index path ran). */
  long narrowed() {
    return narrowed.get();
  }

  private boolean usable() {
    return index.size() == map.size();
  }

  /** The index's candidates for a request on {@code path}, or null to scan the store. */
  private List<AttributeSet> candidates(AttributeSet query, String path) {
    if (!usable()) {
      return null;
    }
    List<AttributeSet> candidates = index.candidates(query, selectorKeys(path));
    if (candidates != null) {
      narrowed.incrementAndGet();
    }
    return candidates;
  }

  private KubernetesAttributesExtractor extractor() {
    return (KubernetesAttributesExtractor) attributeExtractor;
  }

  static String bare(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** A collection or object path: {@code /api/v1/R...} or {@code /apis/G/V/R...}. */
  static boolean isResourcePath(String path) {
    String p = bare(path);
    String[] seg = p.split("/");
    return p.startsWith("/api/") && seg.length >= 4 || p.startsWith("/apis/") && seg.length >= 5;
  }
}
