package dev.roster.status;

import dev.roster.kube.ClusterException;
import dev.roster.source.Urls;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps each source's {@link SourceStatus} as JSON in a ConfigMap {@code roster-status-<source>}
 * (labels {@code roster.dev/status=true}, {@code app.kubernetes.io/managed-by=roster}) in one
 * namespace, so {@code kubectl get cm -l roster.dev/status=true} and {@code roster status} read
 * it and it survives restarts of Roster. Writes use optimistic locking and retry on a conflict.
 * Repo URLs and messages are redacted before they are stored. A ConfigMap whose document does
 * not parse reads as absent; the next write replaces it. Cluster failures leave as {@link
 * ClusterException}.
 */
public final class StatusStore {
  /** Label on every status ConfigMap. */
  public static final String LABEL = "roster.dev/status";
  static final String KEY = "status.json";
  static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final String namespace;
  /** Per source, the ConfigMap this store wrote last and its status as read back. */
  private final Map<String, Written> written = new java.util.concurrent.ConcurrentHashMap<>();

  private record Written(ConfigMap configMap, SourceStatus status) {}

  public StatusStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The namespace the ConfigMaps live in. */
  public String namespace() {
    return namespace;
  }

  /** The ConfigMap name for a source. */
  public static String name(String source) {
    String n = ("roster-status-" + source).toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  /** The stored status of {@code source}, or empty when none was written. */
  public Optional<SourceStatus> read(String source) {
    return parse(get(source));
  }

  /** Every stored status in the namespace, sorted by source name. */
  public List<SourceStatus> list() {
    List<ConfigMap> items;
    try {
      items = client.configMaps().inNamespace(namespace).withLabel(LABEL, "true").list()
          .getItems();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
    return items.stream().map(StatusStore::parse).flatMap(Optional::stream)
        .sorted(Comparator.comparing(SourceStatus::source)).toList();
  }

  /** Stores {@code status}, replacing what was stored for its source. */
  public void write(SourceStatus status) {
    update(status.source(), previous -> status);
  }

  /**
   * Reads the status of {@code source}, applies {@code change} and stores the result, re-reading
   * and re-applying up to {@value #ATTEMPTS} times when another writer got there first.
   * {@code change} must be side-effect free: it may run more than once.
   *
   * @return the stored status
   * @throws ClusterException {@code Conflict} if every attempt met a newer write
   */
  public SourceStatus update(String source, Function<Optional<SourceStatus>, SourceStatus> change) {
    Written mine = written.remove(source);
    for (int attempt = 1; ; attempt++) {
      // What this store wrote last, if nobody wrote since (the replace's resourceVersion says),
      // stands for a read: one request, not two, per pass.
      ConfigMap current = attempt == 1 && mine != null ? mine.configMap() : get(source);
      SourceStatus next = redacted(change.apply(attempt == 1 && mine != null
          ? Optional.of(mine.status()) : parse(current)));
      if (!next.source().equals(source)) {
        throw new IllegalArgumentException("status of source '" + next.source()
            + "' cannot be stored as source '" + source + "'");
      }
      ConfigMap cm = configMap(next, current);
      try {
        ConfigMap stored = current == null
            ? client.configMaps().inNamespace(namespace).resource(cm).create()
            : client.configMaps().inNamespace(namespace).resource(cm).update();
        remember(source, stored, cm);
        return next;
      } catch (KubernetesClientException e) {
        boolean guessed = attempt == 1 && mine != null; // gone or replaced since: read it
        if (!(e.getCode() == 409 || guessed && e.getCode() == 404) || attempt >= ATTEMPTS) {
          throw ClusterException.from(e);
        }
      }
    }
  }

  /**
   * Drops what this store wrote last, so that the next {@link #update} reads the status first:
   * for when the API server may have lost or replaced it (a resourceVersion is unique only
   * within one server's history).
   */
  public void forget() {
    written.clear();
  }

  /** Keeps {@code sent} as stored at the resourceVersion the API server answered with. */
  private void remember(String source, ConfigMap stored, ConfigMap sent) {
    String rv = stored == null || stored.getMetadata() == null ? null
        : stored.getMetadata().getResourceVersion();
    Optional<SourceStatus> status = parse(sent); // as a read of it would parse it
    if (rv != null && status.isPresent()) {
      sent.getMetadata().setResourceVersion(rv);
      written.put(source, new Written(sent, status.get()));
    }
  }

  private ConfigMap get(String source) {
    try {
      return client.configMaps().inNamespace(namespace).withName(name(source)).get();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
  }

  private ConfigMap configMap(SourceStatus status, ConfigMap current) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(name(status.source())).withNamespace(namespace)
        .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion())
        .addToLabels("app.kubernetes.io/managed-by", "roster")
        .addToLabels(LABEL, "true")
        .endMetadata()
        .withData(Map.of("source", status.source(), KEY, StatusJson.write(status)))
        .build();
  }

  private static Optional<SourceStatus> parse(ConfigMap cm) {
    if (cm == null || cm.getData() == null || cm.getData().get(KEY) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(StatusJson.read(cm.getData().get(KEY)))
          .filter(s -> s.source() != null);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static SourceStatus redacted(SourceStatus s) {
    Objects.requireNonNull(s, "change returned null");
    return new SourceStatus(s.source(), Urls.redact(s.repo()), s.ref(),
        s.conditions().stream().map(c -> new Condition(c.type(), c.status(), c.reason(),
            Urls.redact(c.message()), c.lastTransitionTime())).toList(),
        s.lastAppliedRevision(), s.lastAttemptedRevision(), s.lastHandledWebhook(),
        s.history().stream().map(r -> new ReconcileRecord(r.revision(), r.trigger(),
            r.startedAt(), r.durationMillis(), r.counts(), r.result(), r.reason(),
            Urls.redact(r.message()))).toList(),
        s.managed(), s.observedAt(), s.heldRollouts(),
        s.states().stream().map(o -> new ObjectState(o.object(), o.state(), o.unhealthy(),
            Urls.redact(o.message()), o.since())).toList(), s.statesOmitted());
  }
}
