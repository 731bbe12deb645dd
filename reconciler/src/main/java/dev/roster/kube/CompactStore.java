package dev.roster.kube;

import dev.roster.load.CompactTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An informer's store that keeps objects compact ({@link CompactTrees}): maps as flat arrays and
 * strings as shared instances, since thousands of objects of one source repeat the same label and
 * annotation values (applied fields, revision, repo) and much of their specs, as do the parsed
 * desired objects. Objects are changed in place, once, before anyone else sees them; their values
 * stay equal, and nothing writes to them afterwards.
 */
final class CompactStore implements ItemStore<GenericKubernetesResource> {
  private final BasicItemStore<GenericKubernetesResource> store =
      new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  @Override
  public String getKey(GenericKubernetesResource r) {
    return store.getKey(r);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource r) {
    share(r);
    return store.put(key, r);
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return store.get(key);
  }

  /** Makes {@code r}'s metadata maps and fields read-only {@link CompactTrees}, in place. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void share(GenericKubernetesResource r) {
    try {
      ObjectMeta m = r.getMetadata();
      if (m != null && m.getName() != null) {
        m.setName(m.getName().intern()); // the desired object's name, too
      }
      if (m != null && m.getNamespace() != null) {
        m.setNamespace(m.getNamespace().intern());
      }
      if (m != null && m.getLabels() != null) {
        m.setLabels((Map) CompactTrees.copyMap(m.getLabels()));
      }
      if (m != null && m.getAnnotations() != null) {
        m.setAnnotations((Map) CompactTrees.copyMap(m.getAnnotations()));
      }
      if (r.getAdditionalProperties() != null) {
        r.setAdditionalProperties(CompactTrees.copyMap(r.getAdditionalProperties()));
      }
    } catch (RuntimeException e) {
      // keep the object as read: only memory is at stake
    }
  }
}
