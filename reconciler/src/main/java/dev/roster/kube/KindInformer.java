package dev.roster.kube;

import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of {@link LiveCache}: its informer (null when the kind may only be listed), whose
 * store ({@link CompactStore}) keeps each object once, as the read-only plain tree reads answer
 * with, and the events it passes on.
 */
final class KindInformer implements ResourceEventHandler<GenericKubernetesResource> {
  private final KubernetesClient client;
  private final ResourceDefinitionContext ctx;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final CompactStore store;
  private final LiveCache.Listener listener;
  private volatile boolean ready;

  /** {@code store} is {@code informer}'s item store. */
  KindInformer(KubernetesClient client, ResourceDefinitionContext ctx,
      SharedIndexInformer<GenericKubernetesResource> informer, CompactStore store,
      LiveCache.Listener listener) {
    this.client = client;
    this.ctx = ctx;
    this.informer = informer;
    this.store = store;
    this.listener = listener;
  }

  /** A kind read by listing only (its informer could not start). */
  static KindInformer listOnly(KubernetesClient client, ResourceDefinitionContext ctx) {
    return new KindInformer(client, ctx, null, null, null);
  }


  /** False once the informer stopped for good (it then has to be started again). */
  boolean usable() {
    return informer == null || informer.isRunning();
  }

  boolean watched() {
    return informer != null && informer.isWatching();
  }

  /**
   * Puts the keys in the store into {@code out} and the others into {@code missing}; false (and
   * nothing done) when the store cannot answer now: no informer, or its watch is down.
   */
  boolean lookup(List<ResourceKey> keys, Map<ResourceKey, LiveObject> out,
      List<ResourceKey> missing) {
    if (!watched()) {
      return false;
    }
    for (ResourceKey k : keys) {
      if (ctx.isNamespaceScoped() == k.namespace().isEmpty()) {
        continue; // such a key names nothing that can exist, as with LiveReader
      }
      Map<String, Object> tree = store.tree(storeKey(k.namespace(), k.name()));
      if (tree == null) {
        missing.add(k);
      } else {
        out.put(k, new LiveObject(k, tree));
      }
    }
    return true;
  }

  /** One GET of an object the store lacks. */
  Optional<LiveObject> get(ResourceKey k) {
    try {
      var op = client.genericKubernetesResources(ctx);
      GenericKubernetesResource r = (ctx.isNamespaceScoped() ? op.inNamespace(k.namespace()) : op)
          .withName(k.name()).get();
      return r == null ? Optional.empty() : Optional.of(new LiveObject(k, Trees.toMap(client, r)));
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }

  /**
   * The first list is done: events from now on are changes (a later re-list's too). A later list
   * is a relist (the watch expired or reconnected): what was derived from the old view is
   * suspect, so the listener is told to reset.
   */
  @Override
  public void onList(String resourceVersion, boolean remainedEmpty) {
    boolean relist = ready;
    ready = true;
    if (relist) {
      reset("relist of " + ctx.getKind());
    }
  }

  /**
   * The informer's list or watch failed (it retries by itself while it was started): the
   * listener is told to reset, since the store may now lag the cluster by any amount.
   */
  boolean failed(boolean started, Throwable t) {
    reset("watch error on " + ctx.getKind() + ": " + t.getClass().getSimpleName());
    return started && !io.fabric8.kubernetes.client.informers.ExceptionHandler
        .isDeserializationException(t);
  }

  private void reset(String why) {
    if (listener == null) {
      return;
    }
    try {
      listener.reset(why);
    } catch (RuntimeException e) {
      // a listener's failure must not stop the informer
    }
  }

  @Override
  public void onAdd(GenericKubernetesResource r) {
    changed(r, false);
  }

  @Override
  public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource r) {
    if (!Objects.equals(old.getMetadata().getResourceVersion(),
        r.getMetadata().getResourceVersion())) {
      changed(r, false);
    }
  }

  @Override
  public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
    changed(r, true);
  }

  private void changed(GenericKubernetesResource r, boolean deleted) {
    String ns = ctx.isNamespaceScoped() ? Objects.toString(r.getMetadata().getNamespace(), "")
        : "";
    // the live tree keeps the same strings interned (CompactStore): the journal's keys share them
    ResourceKey key = new ResourceKey(ctx.getGroup() == null ? "" : ctx.getGroup(),
        ctx.getKind(), ns.intern(), r.getMetadata().getName().intern());
    if (!ready || listener == null) {
      return;
    }
    try {
      listener.changed(key, deleted ? null : tree(key, r));
    } catch (RuntimeException e) {
      // a listener's failure must not stop the informer
    }
  }

  /**
   * The plain tree of {@code r}: the one the store keeps when it is of the same resourceVersion
   * (the store may already hold a later one), else one made from {@code r}.
   */
  private LiveObject tree(ResourceKey key, GenericKubernetesResource r) {
    Map<String, Object> kept = store.tree(storeKey(key.namespace(), key.name()));
    return new LiveObject(key, kept != null && Objects.equals(r.getMetadata().getResourceVersion(),
        map(kept.get("metadata")).get("resourceVersion")) ? kept
        : CompactStore.compact(client, r));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /**
   * What {@link Trees#toMap} makes of {@code r}, sharing rather than copying what the object
   * already holds as plain values: its fields besides metadata, labels, annotations, strings.
   */
  static Map<String, Object> shallow(KubernetesClient client, GenericKubernetesResource r) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "apiVersion", r.getApiVersion());
    put(out, "kind", r.getKind());
    if (r.getMetadata() != null) {
      out.put("metadata", metadata(client, r.getMetadata()));
    }
    out.putAll(r.getAdditionalProperties());
    return out;
  }

  /** ObjectMeta as {@link Trees#toMap} has it: nulls and empty collections left out. */
  private static Map<String, Object> metadata(KubernetesClient client, ObjectMeta m) {
    if (m.getAdditionalProperties() != null && !m.getAdditionalProperties().isEmpty()) {
      return Trees.toMap(client, m); // fields this version does not model: convert them all
    }
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "annotations", m.getAnnotations());
    put(out, "creationTimestamp", m.getCreationTimestamp());
    put(out, "deletionGracePeriodSeconds", m.getDeletionGracePeriodSeconds());
    put(out, "deletionTimestamp", m.getDeletionTimestamp());
    put(out, "finalizers", m.getFinalizers());
    put(out, "generateName", m.getGenerateName());
    put(out, "generation", m.getGeneration());
    put(out, "labels", m.getLabels());
    put(out, "managedFields", plain(client, m.getManagedFields()));
    put(out, "name", m.getName());
    put(out, "namespace", m.getNamespace());
    put(out, "ownerReferences", plain(client, m.getOwnerReferences()));
    put(out, "resourceVersion", m.getResourceVersion());
    put(out, "selfLink", m.getSelfLink());
    put(out, "uid", m.getUid());
    return out;
  }

  private static void put(Map<String, Object> out, String key, Object value) {
    boolean empty = value == null || value instanceof Map<?, ?> map && map.isEmpty()
        || value instanceof List<?> list && list.isEmpty();
    if (!empty) {
      out.put(key, value);
    }
  }

  private static Object plain(KubernetesClient client, List<?> typed) {
    return typed == null || typed.isEmpty() ? null
        : client.getKubernetesSerialization().convertValue(typed, List.class);
  }

  private static String storeKey(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  void close() {
    if (informer != null) {
      informer.stop();
    }
  }
}
