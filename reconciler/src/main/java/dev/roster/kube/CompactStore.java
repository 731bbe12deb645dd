package dev.roster.kube;

import dev.roster.load.CompactTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer's store that keeps each object once, as the plain tree {@link LiveCache} answers
 * with: what {@link Trees#toMap} makes of it, read-only and compact ({@link CompactTrees}: maps
 * as flat arrays, and strings as shared instances, since the objects of one source repeat the
 * same keys, label and annotation values and much of their specs, as do the parsed desired
 * objects). The fabric8 object the informer hands over is not kept: whoever asks the store for
 * one (the informer, for the old object of an event) gets a new one converted from the tree,
 * equal to what was put. Thread-safe.
 */
final class CompactStore implements ItemStore<GenericKubernetesResource> {
  /**
   * Metadata values unique to each object (or each version of it): kept as read, since sharing
   * them saves nothing and would fill the JVM's string table.
   */
  private static final Set<String> UNIQUE = Set.of("uid", "resourceVersion",
      "creationTimestamp", "deletionTimestamp", "selfLink");

  private final KubernetesClient client;
  private final Map<String, Map<String, Object>> trees = new ConcurrentHashMap<>();

  CompactStore(KubernetesClient client) {
    this.client = client;
  }

  /** The tree kept under {@code key} ({@code namespace/name}, or the name), or null. */
  Map<String, Object> tree(String key) {
    return trees.get(key);
  }

  @Override
  public String getKey(GenericKubernetesResource r) {
    return Cache.metaNamespaceKeyFunc(r);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource r) {
    return resource(trees.put(key, compact(client, r)));
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return resource(trees.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return trees.keySet().stream();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return trees.values().stream().map(this::resource);
  }

  @Override
  public int size() {
    return trees.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return resource(trees.get(key));
  }

  private GenericKubernetesResource resource(Map<String, Object> tree) {
    return tree == null ? null : Trees.toResource(client, tree);
  }

  /**
   * {@link Trees#toMap} of {@code r}, read-only and compact: equal to it, in the same order,
   * sharing every string but the metadata values unique to the object.
   */
  static Map<String, Object> compact(KubernetesClient client, GenericKubernetesResource r) {
    Map<String, Object> out = new LinkedHashMap<>();
    KindInformer.shallow(client, r).forEach((k, v) -> out.put(k.intern(),
        "metadata".equals(k) && v instanceof Map<?, ?> m ? metadata(m) : CompactTrees.copy(v)));
    return CompactTrees.flat(out);
  }

  private static Map<String, Object> metadata(Map<?, ?> meta) {
    Map<String, Object> out = new LinkedHashMap<>();
    meta.forEach((k, v) -> out.put(((String) k).intern(),
        UNIQUE.contains(k) ? v : CompactTrees.copy(v)));
    return CompactTrees.flat(out);
  }
}
