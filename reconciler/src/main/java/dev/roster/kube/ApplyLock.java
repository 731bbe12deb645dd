package dev.roster.kube;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One apply per source at a time, CLI and serve alike: a {@code coordination.k8s.io} Lease
 * {@code roster-apply-<source>} in the inventory namespace, taken before the first write and
 * released after the inventory is stored.
 *
 * <p>Contract: {@link #acquire} returns a {@link Held} only when this process holds the Lease;
 * a Lease held by another holder is waited for (polled every {@code poll}) up to the timeout,
 * then refused with {@link ClusterReason#APPLY_LOCKED} naming the holder. While held it is
 * renewed every {@link #DURATION} / 3, so a long apply keeps it. A Lease whose holder stopped
 * renewing for longer than its duration (a killed apply) is taken over. Every change of holder
 * is an update that tests the Lease's resourceVersion, so two takers never both win; a holder
 * whose renewal finds the Lease taken says so through {@link Held#lost()}.
 */
public final class ApplyLock {
  /** How long a holder that stopped renewing keeps the Lease. */
  public static final Duration DURATION = Duration.ofSeconds(30);

  private static final ScheduledExecutorService RENEWER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "roster-apply-lock");
        t.setDaemon(true);
        return t;
      });
  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final Duration poll;

  public ApplyLock(KubernetesClient client, String namespace) {
    this(client, namespace, Clock.systemUTC());
  }

  /** As {@link #ApplyLock(KubernetesClient, String)}; {@code clock} judges expired holders. */
  public ApplyLock(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.poll = Duration.ofMillis(250);
  }

  private static final AtomicLong APPLIES = new AtomicLong();

  /** A holder name unique to one apply: host, process id and a counter. */
  public static String newHolder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return "roster on " + host + " (pid " + ProcessHandle.current().pid() + ", apply "
        + APPLIES.incrementAndGet() + ")";
  }

  /** The Lease name for a source. */
  public static String name(String source) {
    String n = ("roster-apply-" + source).toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  /** A held lock; {@link #close} releases it (only if still ours). */
  public final class Held implements AutoCloseable {
    private final String source;
    private final String holder;
    private final ScheduledFuture<?> renewal;
    private volatile String takenBy;
    /** The Lease as this holder last wrote it (its resourceVersion), or null when unknown. */
    private volatile Lease written;

    private Held(String source, String holder, Lease written) {
      this.source = source;
      this.holder = holder;
      this.written = written;
      long every = DURATION.toMillis() / 3;
      this.renewal = RENEWER.scheduleAtFixedRate(() -> {
        try {
          renew();
        } catch (ClusterException e) {
          // the next renewal tries again; the Lease outlives two missed renewals
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether a renewal found the Lease held by another, or gone: this apply should stop. */
    public boolean lost() {
      return takenBy != null;
    }

    /** Who took the Lease once {@link #lost()}, else null. */
    public String takenBy() {
      return takenBy;
    }

    /** Who holds the lock: host, process and apply. */
    public String holder() {
      return holder;
    }

    /** Renews the Lease; call at least every {@link #DURATION} / 3 during long applies. */
    public void renew() {
      Lease l = get(source);
      if (l == null || !holder.equals(l.getSpec().getHolderIdentity())) {
        takenBy = l == null ? "nobody (the Lease was deleted)" : l.getSpec().getHolderIdentity();
        renewal.cancel(false);
        return;
      }
      l.getSpec().setRenewTime(now());
      written = null;
      written = replace(l);
    }

    @Override
    public void close() {
      renewal.cancel(false);
      try {
        Lease mine = written;
        if (mine != null && release(mine)) {
          return; // unchanged since this holder wrote it: deleted at that resourceVersion
        }
        Lease l = get(source);
        if (l != null && holder.equals(l.getSpec().getHolderIdentity())) {
          client.leases().inNamespace(namespace).resource(l).lockResourceVersion().delete();
        }
      } catch (RuntimeException e) {
        // an unreleased Lease expires after DURATION; the next apply takes it over
      }
    }
  }

  /** Takes the lock of {@code source} as {@code holder}, waiting up to {@code timeout}. */
  public Held acquire(String source, String holder, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try { // a free lock has no Lease: one request takes it
      return new Held(source, holder, create(lease(source, holder)));
    } catch (ClusterException e) {
      if (e.reason() != ClusterReason.CONFLICT) {
        throw e;
      }
    }
    while (true) {
      Lease l = get(source);
      String current = l == null ? null : l.getSpec().getHolderIdentity();
      try {
        if (l == null) {
          return new Held(source, holder, create(lease(source, holder)));
        }
        if (current == null || current.isEmpty() || expired(l)) {
          l.getSpec().setHolderIdentity(holder);
          l.getSpec().setAcquireTime(now());
          l.getSpec().setRenewTime(now());
          l.getSpec().setLeaseDurationSeconds((int) DURATION.toSeconds());
          return new Held(source, holder, replace(l));
        }
      } catch (ClusterException e) {
        if (e.reason() != ClusterReason.CONFLICT) {
          throw e;
        }
        continue; // someone else moved first: look again
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new ClusterException(ClusterReason.APPLY_LOCKED, "source '" + source
            + "' is being applied by " + current + " (Lease " + namespace + "/" + name(source)
            + ", renewed " + l.getSpec().getRenewTime() + "); waited " + timeout.toSeconds()
            + "s (--lock-timeout); nothing written");
      }
      Thread.sleep(Math.max(1, Math.min(poll.toMillis(),
          (deadline - System.nanoTime()) / 1_000_000))); // never past the deadline
    }
  }

  private boolean expired(Lease l) {
    ZonedDateTime renewed = l.getSpec().getRenewTime();
    Integer secs = l.getSpec().getLeaseDurationSeconds();
    return renewed == null || renewed.plusSeconds(secs == null ? DURATION.toSeconds() : secs)
        .isBefore(ZonedDateTime.now(clock));
  }

  private Lease lease(String source, String holder) {
    return new LeaseBuilder().withNewMetadata().withName(name(source)).withNamespace(namespace)
        .addToLabels("app.kubernetes.io/managed-by", "roster")
        .addToLabels("roster.dev/apply-lock", "true").endMetadata()
        .withNewSpec().withHolderIdentity(holder).withAcquireTime(now()).withRenewTime(now())
        .withLeaseDurationSeconds((int) DURATION.toSeconds()).endSpec().build();
  }

  private Lease get(String source) {
    try {
      return client.leases().inNamespace(namespace).withName(name(source)).get();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }

  private Lease create(Lease l) {
    try {
      return client.leases().inNamespace(namespace).resource(l).create();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }

  private Lease replace(Lease l) {
    try {
      return client.leases().inNamespace(namespace).resource(l).lockResourceVersion().update();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }

  /**
   * Deletes {@code mine} if the Lease is still at its resourceVersion (so still ours); false
   * when it moved or the answer is unclear: the caller reads it and decides.
   */
  private boolean release(Lease mine) {
    if (mine.getMetadata() == null || mine.getMetadata().getResourceVersion() == null) {
      return false;
    }
    try {
      client.leases().inNamespace(namespace).resource(mine).lockResourceVersion().delete();
      return true;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private ZonedDateTime now() {
    return ZonedDateTime.now(clock);
  }
}
