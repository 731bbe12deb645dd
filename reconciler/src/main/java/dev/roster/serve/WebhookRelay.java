package dev.roster.serve;

import dev.roster.kube.ClusterException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Hands webhooks a standby accepted to the leader, through the cluster. A standby {@link #record}s
 * the reconcile request in the ConfigMap {@value #NAME} of the system namespace (where the Lease
 * lives; key = source name, value = {@code <instant> <trigger>}); the leader {@link #watch}es that
 * ConfigMap and requests a pass for every value that changed, with the trigger the standby
 * recorded, so status and metrics read as if the webhook had come to the leader. What was recorded
 * before this replica started leading is not replayed: its first pass after winning the Lease
 * covers it. Requests for one source recorded in quick succession may merge into one, as they
 * would in the leader's own queue.
 */
final class WebhookRelay {
  static final String NAME = "roster-webhook-relay";
  static final String LABEL = "roster.dev/webhook-relay";

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private SharedIndexInformer<ConfigMap> informer;

  WebhookRelay(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  /**
   * Records a request for a pass of {@code source} with {@code trigger}; throws {@link
   * ClusterException} when the cluster refuses or cannot be reached (the webhook is then answered
   * 503, so the provider may redeliver).
   */
  void record(String source, String trigger) {
    String value = clock.instant() + " " + trigger;
    var cm = client.configMaps().inNamespace(namespace).withName(NAME);
    String patch = Serialization.asJson(Map.of("data", Map.of(source, value)));
    for (int attempt = 0; ; attempt++) {
      try {
        if (cm.get() != null) {
          cm.patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } else {
          client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
              .withNewMetadata().withName(NAME).withNamespace(namespace)
              .addToLabels(LABEL, "true").addToLabels("app.kubernetes.io/managed-by", "roster")
              .endMetadata().addToData(source, value).build()).create();
        }
        return;
      } catch (KubernetesClientException e) {
        // 409: another replica created it in between; 404: deleted in between. Once more.
        if (attempt > 0 || (e.getCode() != 409 && e.getCode() != 404)) {
          throw ClusterException.from(e);
        }
      }
    }
  }

  /**
   * Calls {@code request(source, trigger)} for each value that changes from now on, on the
   * informer's thread (it must not block), until {@link #stop}.
   */
  synchronized void watch(BiConsumer<String, String> request) {
    stop();
    seen.clear();
    try {
      ConfigMap now = client.configMaps().inNamespace(namespace).withName(NAME).get();
      if (now != null && now.getData() != null) {
        seen.putAll(now.getData());
      }
    } catch (KubernetesClientException e) {
      // unreadable now: the informer's first list fills it, and the leader's start pass runs
    }
    informer = client.configMaps().inNamespace(namespace).withLabel(LABEL, "true")
        .runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap cm) {
            changed(cm, request);
          }

          @Override
          public void onUpdate(ConfigMap old, ConfigMap cm) {
            changed(cm, request);
          }

          @Override
          public void onDelete(ConfigMap cm, boolean unknownFinalState) {
            seen.clear();
          }
        });
    informer.start(); // lists and watches in the background, retrying while the cluster is away
  }

  private void changed(ConfigMap cm, BiConsumer<String, String> request) {
    if (!NAME.equals(cm.getMetadata().getName()) || cm.getData() == null) {
      return;
    }
    cm.getData().forEach((source, value) -> {
      if (value != null && !value.equals(seen.put(source, value))) {
        int space = value.indexOf(' ');
        request.accept(source, space < 0 ? value : value.substring(space + 1));
      }
    });
  }

  /** Stops watching (this replica no longer leads, or stops). */
  synchronized void stop() {
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }
}
