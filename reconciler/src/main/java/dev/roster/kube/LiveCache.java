package dev.roster.kube;

import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import dev.roster.plan.Ownership;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live state of one source's objects, kept current by one informer per group and kind (all
 * namespaces, label {@code roster.dev/source=<source>}), started when a pass first asks for the
 * kind. A read costs no list call: objects come from the informers' stores, and a key they lack (an
 * object to create, or one that is not labelled as this source's: to adopt, refuse or orphan) is
 * read with one GET, or, when many keys of a kind are missing (the first apply), with the per
 * namespace lists of {@link LiveReader}. Kinds the cluster forbids watching are always listed.
 *
 * <p>The informers' view may lag Roster's own writes by a moment; that is safe, because every
 * update tests the resourceVersion it was planned against and is re-planned on a conflict.
 * Thread-safe; {@link #close} stops the informers.
 */
public final class LiveCache implements LiveState, AutoCloseable {
  /** Missing keys of one kind above which a list is cheaper than one GET each. */
  static final int GET_LIMIT = 32;

  /**
   * Told about every change to a cached object once its kind's first list is done, and about
   * every watch error, relist or reconnect of an informer, after which nothing derived from the
   * cache should be believed until verified against fresh lists.
   */
  public interface Listener {
    /** {@code live} is the object now, or null when it was deleted. */
    void changed(ResourceKey key, LiveObject live);

    /** An informer's view may have departed from the cluster; {@code why} says what happened. */
    default void reset(String why) {}
  }

  private final KubernetesClient client;
  private final ResourceResolver resolver;
  private final String source;
  private final Map<String, KindInformer> kinds = new ConcurrentHashMap<>();
  private volatile Listener listener = (k, l) -> { };
  private volatile boolean closed;
  /** See {@link #version} and {@link #changedSince}. */
  private final LiveJournal journal = new LiveJournal();

  /** A cache of {@code source}'s objects, discovering kinds on its own. */
  public LiveCache(KubernetesClient client, String source) {
    this(client, new ResourceResolver(client), source);
  }

  public LiveCache(KubernetesClient client, ResourceResolver resolver, String source) {
    this.client = client;
    this.resolver = resolver;
    this.source = source;
  }

  /**
   * A number that moves whenever a {@link #read} may no longer return what an earlier one did:
   * on every informer event, watch error, relist or reconnect, every informer started, and every
   * read not answered from the informers' stores alone (a GET, a list, a kind not served — what
   * those saw is not watched). Equal numbers before two reads of the same keys therefore mean
   * the same answer, as far as the watches can tell; any doubt moves it.
   */
  public long version() {
    return journal.version();
  }

  /**
   * The keys whose {@link #read} may answer otherwise than it did before {@code version} (a
   * value of {@link #version}) was taken: those of every watch event since, and those read since
   * outside the informers' stores (fetched, listed, of a kind not served), which are therefore
   * never believed from one read to the next. Null when that cannot be told: a watch error,
   * relist, reconnect or informer start since, or more moves than are kept. Keys not named read
   * as they did then, as far as the watches can tell.
   */
  public Set<ResourceKey> changedSince(long version) {
    return journal.since(version);
  }

  /** Sets the one listener of changes (replacing any earlier one). */
  public void listen(Listener l) {
    this.listener = l;
  }

  @Override
  public Map<ResourceKey, LiveObject> read(Set<ResourceKey> keys, Map<String, String> apiVersions) {
    Map<String, List<ResourceKey>> byKind = new LinkedHashMap<>();
    for (ResourceKey k : keys) {
      byKind.computeIfAbsent(k.group() + "/" + k.kind(), x -> new ArrayList<>()).add(k);
    }
    Map<ResourceKey, LiveObject> out = new HashMap<>();
    Set<ResourceKey> listed = new java.util.HashSet<>();
    for (Map.Entry<String, List<ResourceKey>> e : byKind.entrySet()) {
      String apiVersion = apiVersions.get(e.getKey());
      KindInformer kind = apiVersion == null ? null : kind(e.getKey(), apiVersion);
      if (kind == null) {
        e.getValue().forEach(journal::moved);
        continue; // kind not served: nothing of it can exist live
      }
      List<ResourceKey> missing = new ArrayList<>();
      boolean stored = kind.lookup(e.getValue(), out, missing);
      (stored ? missing : e.getValue()).forEach(journal::moved);
      if (!stored) {
        listed.addAll(e.getValue());
      } else if (missing.size() > GET_LIMIT) {
        listed.addAll(missing);
      } else {
        for (ResourceKey k : missing) {
          kind.get(k).ifPresent(l -> out.put(k, l));
        }
      }
    }
    if (!listed.isEmpty()) {
      out.putAll(new LiveReader(client, resolver).read(listed, apiVersions));
    }
    return out;
  }

  /** Group/kinds with a running informer, for tests. */
  Set<String> informed() {
    Set<String> out = new java.util.TreeSet<>();
    kinds.forEach((gk, k) -> {
      if (k.watched()) {
        out.add(gk);
      }
    });
    return out;
  }

  /** The kind's informer, started on first use (blocking until its first list is done). */
  private KindInformer kind(String gk, String apiVersion) {
    KindInformer k = kinds.get(gk);
    if (k != null && k.usable()) {
      return k;
    }
    synchronized (this) {
      k = kinds.get(gk);
      if (k != null && k.usable()) {
        return k;
      }
      if (k != null) {
        k.close(); // stopped for good: start afresh
      }
      String kindName = gk.substring(gk.indexOf('/') + 1);
      Optional<ResourceDefinitionContext> ctx = resolver.resolve(apiVersion, kindName);
      if (ctx.isEmpty() || closed) {
        return null;
      }
      k = start(ctx.get());
      journal.moved(null);
      kinds.put(gk, k);
      return k;
    }
  }

  private KindInformer start(ResourceDefinitionContext ctx) {
    var op = client.genericKubernetesResources(ctx);
    var scoped = ctx.isNamespaceScoped() ? op.inAnyNamespace() : op;
    SharedIndexInformer<GenericKubernetesResource> informer =
        scoped.withLabel(Ownership.SOURCE, source).runnableInformer(0);
    informer.removeNamespaceIndex();
    CompactStore store = new CompactStore(client);
    informer.itemStore(store);
    KindInformer k = new KindInformer(client, ctx, informer, store, new Listener() {
      @Override
      public void changed(ResourceKey key, LiveObject live) {
        journal.moved(key);
        listener.changed(key, live);
      }

      @Override
      public void reset(String why) {
        journal.moved(null);
        listener.reset(why);
      }
    });
    informer.addEventHandler(k);
    informer.exceptionHandler(k::failed);
    try {
      informer.run();
      return k;
    } catch (KubernetesClientException e) {
      informer.stop();
      ClusterException c = ClusterException.from(e);
      if (c.reason() == ClusterReason.FORBIDDEN) {
        return KindInformer.listOnly(client, ctx); // may list per namespace, not watch all
      }
      throw c;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      kinds.values().forEach(KindInformer::close);
      kinds.clear();
    }
  }
}
