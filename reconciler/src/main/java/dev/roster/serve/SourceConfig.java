package dev.roster.serve;

import dev.roster.plan.RolloutPolicy;
import dev.roster.source.GitCredentials;
import dev.roster.source.SourceSpec;
import java.time.Duration;

/**
 * One source that serve keeps in sync.
 *
 * @param name source name (roster.dev/source label, inventory and status names, webhook path)
 * @param spec repo, ref, path and cache directory
 * @param credentials for the Git remote
 * @param interval how often to poll
 * @param namespace namespace for namespaced objects that name none
 * @param prune whether objects gone from Git are pruned
 * @param suspend plan only, apply nothing
 * @param driftReportOnly report drift instead of reverting it
 * @param webhookSecret shared secret for webhook verification, or null (webhooks refused)
 * @param rolloutPolicy rollout policy of objects without a {@code roster.dev/rollout}
 *     annotation; null until serve's default ({@code --rollout-policy}) is filled in
 */
public record SourceConfig(
    String name,
    SourceSpec spec,
    GitCredentials credentials,
    Duration interval,
    String namespace,
    boolean prune,
    boolean suspend,
    boolean driftReportOnly,
    byte[] webhookSecret,
    RolloutPolicy.Mode rolloutPolicy) {

  /** As the canonical constructor, the rollout policy left to serve's default. */
  public SourceConfig(String name, SourceSpec spec, GitCredentials credentials,
      Duration interval, String namespace, boolean prune, boolean suspend,
      boolean driftReportOnly, byte[] webhookSecret) {
    this(name, spec, credentials, interval, namespace, prune, suspend, driftReportOnly,
        webhookSecret, null);
  }

  /** This source with {@code mode} as its default when it names none. */
  public SourceConfig withDefaultRolloutPolicy(RolloutPolicy.Mode mode) {
    return rolloutPolicy != null ? this : new SourceConfig(name, spec, credentials, interval,
        namespace, prune, suspend, driftReportOnly, webhookSecret, mode);
  }
}
