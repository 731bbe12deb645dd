package dev.roster.serve;

import dev.roster.plan.RolloutPolicy;
import dev.roster.source.GitCredentials;
import dev.roster.source.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param resyncInterval how often this source's pass is a full verification against the
 *     cluster; null for serve's {@code --resync-interval}
 * @param ignoreFields per kind ({@code Kind} or {@code group/Kind}), pointers whose live-only
 *     changes are left alone ({@code ignoreFields:} in the serve config, {@code --ignore-fields})
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
    RolloutPolicy.Mode rolloutPolicy,
    Duration resyncInterval,
    Map<String, List<String>> ignoreFields) {

  public SourceConfig {
    ignoreFields = ignoreFields == null ? Map.of() : Map.copyOf(ignoreFields);
  }

  /**
   * A builder for source {@code name} reading {@code spec}, with serve's defaults: no
   * credentials, polled every minute, namespace {@code default}, pruning, not suspended, drift
   * reverted, webhooks refused, the rollout policy left to serve's default, no fields ignored.
   */
  public static Builder builder(String name, SourceSpec spec) {
    return new Builder(name, spec);
  }

  /** A builder holding this source's values. */
  public Builder toBuilder() {
    return new Builder(name, spec).credentials(credentials).interval(interval)
        .namespace(namespace).prune(prune).suspend(suspend).driftReportOnly(driftReportOnly)
        .webhookSecret(webhookSecret).rolloutPolicy(rolloutPolicy).resyncInterval(resyncInterval)
        .ignoreFields(ignoreFields);
  }

  /** This source with {@code mode} as its default when it names none. */
  public SourceConfig withDefaultRolloutPolicy(RolloutPolicy.Mode mode) {
    return rolloutPolicy != null ? this : toBuilder().rolloutPolicy(mode).build();
  }

  /** This source with {@code more} ignored fields besides its own (serve's {@code --ignore-fields}). */
  public SourceConfig withMoreIgnoreFields(Map<String, List<String>> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, List<String>> all = new LinkedHashMap<>(ignoreFields);
    more.forEach((kind, pointers) -> {
      List<String> merged = new ArrayList<>(all.getOrDefault(kind, List.of()));
      pointers.stream().filter(p -> !merged.contains(p)).forEach(merged::add);
      all.put(kind, List.copyOf(merged));
    });
    return toBuilder().ignoreFields(all).build();
  }

  /** Builds a {@link SourceConfig} field by named field; see {@link #builder}. */
  public static final class Builder {
    private final String name;
    private final SourceSpec spec;
    private GitCredentials credentials = GitCredentials.none();
    private Duration interval = Duration.ofMinutes(1);
    private String namespace = "default";
    private boolean prune = true;
    private boolean suspend;
    private boolean driftReportOnly;
    private byte[] webhookSecret;
    private RolloutPolicy.Mode rolloutPolicy;
    private Duration resyncInterval;
    private Map<String, List<String>> ignoreFields = Map.of();

    private Builder(String name, SourceSpec spec) {
      this.name = name;
      this.spec = spec;
    }

    public Builder credentials(GitCredentials value) {
      credentials = value;
      return this;
    }

    public Builder interval(Duration value) {
      interval = value;
      return this;
    }

    public Builder namespace(String value) {
      namespace = value;
      return this;
    }

    public Builder prune(boolean value) {
      prune = value;
      return this;
    }

    public Builder suspend(boolean value) {
      suspend = value;
      return this;
    }

    public Builder driftReportOnly(boolean value) {
      driftReportOnly = value;
      return this;
    }

    public Builder webhookSecret(byte[] value) {
      webhookSecret = value;
      return this;
    }

    public Builder rolloutPolicy(RolloutPolicy.Mode value) {
      rolloutPolicy = value;
      return this;
    }

    public Builder resyncInterval(Duration value) {
      resyncInterval = value;
      return this;
    }

    public Builder ignoreFields(Map<String, List<String>> value) {
      ignoreFields = value;
      return this;
    }

    public SourceConfig build() {
      return new SourceConfig(name, spec, credentials, interval, namespace, prune, suspend,
          driftReportOnly, webhookSecret, rolloutPolicy, resyncInterval, ignoreFields);
    }
  }
}
