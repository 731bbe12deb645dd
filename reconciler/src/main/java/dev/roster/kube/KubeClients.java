package dev.roster.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds fabric8 clients with Roster's settings: connect timeout 5 s, request timeout 30 s, and at
 * most {@value #RETRY_LIMIT} retries (exponential backoff from {@value #RETRY_INTERVAL_MS} ms) of
 * requests that got no answer, a 5xx or a 429.
 */
public final class KubeClients {
  /** Connect timeout, milliseconds. */
  public static final int CONNECT_TIMEOUT_MS = 5_000;
  /** Timeout of one request, milliseconds. */
  public static final int REQUEST_TIMEOUT_MS = 30_000;
  /** Retries of one request after the first attempt. */
  public static final int RETRY_LIMIT = 3;
  /** First backoff interval, milliseconds; doubles on each retry. */
  public static final int RETRY_INTERVAL_MS = 250;

  private KubeClients() {}

  /**
   * A client for the cluster a kubeconfig names.
   *
   * @param kubeconfigOrNull the kubeconfig file; null looks where kubectl does ({@code
   *     $KUBECONFIG}, then {@code ~/.kube/config}) and, when there is none, uses the in-cluster
   *     service account
   * @param contextOrNull the context to use; null means the kubeconfig's current context. A
   *     context the kubeconfig lacks is an error, never a silent fallback to another cluster
   * @throws ClusterException {@code KubeconfigInvalid} if the file is missing or unreadable, or
   *     lacks the context, or (without a file) when {@link KubeconfigLookup} finds no cluster
   *     configured anywhere
   */
  public static KubernetesClient fromKubeconfig(Path kubeconfigOrNull, String contextOrNull) {
    Config config;
    try {
      if (kubeconfigOrNull != null) {
        if (!Files.isRegularFile(kubeconfigOrNull) || !Files.isReadable(kubeconfigOrNull)) {
          throw new ClusterException(ClusterReason.KUBECONFIG_INVALID,
              "kubeconfig '" + kubeconfigOrNull + "' does not exist or is not readable");
        }
        config = Config.fromKubeconfig(contextOrNull, kubeconfigOrNull.toFile());
      } else {
        Optional<String> missing = KubeconfigLookup.current().missing();
        if (missing.isPresent()) {
          throw new ClusterException(ClusterReason.KUBECONFIG_INVALID, missing.get());
        }
        config = Config.autoConfigure(contextOrNull);
      }
    } catch (KubernetesClientException e) {
      throw new ClusterException(ClusterReason.KUBECONFIG_INVALID,
          "cannot read kubeconfig: " + e.getMessage(), e);
    }
    if (contextOrNull != null && !hasContext(config.getContexts(), contextOrNull)) {
      throw new ClusterException(ClusterReason.KUBECONFIG_INVALID,
          "context '" + contextOrNull + "' not found in "
              + (kubeconfigOrNull != null ? "kubeconfig '" + kubeconfigOrNull + "'"
                  : "kubeconfig"));
    }
    return build(config);
  }

  /** A client for an API server URL with no credentials (the embedded dev cluster). */
  public static KubernetesClient forUrl(String masterUrl, String namespace) {
    return forUrl(masterUrl, namespace, null);
  }

  /**
   * As {@link #forUrl(String, String)}, every request passing {@code counter} first (may be
   * null): a {@link RequestCounter}, or a test's interceptor.
   */
  public static KubernetesClient forUrl(String masterUrl, String namespace,
      Interceptor counter) {
    Config config = Config.empty();
    config.setMasterUrl(masterUrl);
    config.setNamespace(namespace);
    config.setHttp2Disable(true);
    return build(config, counter);
  }

  /** Applies Roster's timeouts and retry limit to {@code config} and builds a client from it. */
  public static KubernetesClient build(Config config) {
    return build(config, null);
  }

  /** As {@link #build(Config)}, every request passing {@code counter} first (when not null). */
  public static KubernetesClient build(Config config, Interceptor counter) {
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    config.setRequestRetryBackoffLimit(RETRY_LIMIT);
    config.setRequestRetryBackoffInterval(RETRY_INTERVAL_MS);
    KubernetesClientBuilder b = new KubernetesClientBuilder().withConfig(config);
    if (counter != null) {
      b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("roster-count", counter));
    }
    return b.build();
  }

  private static boolean hasContext(List<NamedContext> contexts, String name) {
    return contexts != null && contexts.stream().anyMatch(c -> name.equals(c.getName()));
  }
}
