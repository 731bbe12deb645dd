package dev.roster.engine;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.load.LoadOptions;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutPolicy;
import dev.roster.source.DirectoryTree;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A config repo on disk, the embedded cluster and an Engine with a settable clock: each commit is
 * a snapshot with revision {@code main@sha1:<n>}.
 */
final class RolloutFixture implements AutoCloseable {
  static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  final EmbeddedCluster cluster = EmbeddedCluster.start();
  final Path repo;
  Instant now = Instant.parse("2025-06-01T10:00:00Z");
  /** The source's default rollout policy. */
  RolloutPolicy.Mode policy = RolloutPolicy.Mode.ROLLOUT;
  private int commit;

  RolloutFixture(Path repo) {
    this.repo = repo;
  }

  /** A new Engine, as after a restart of Roster. */
  Engine engine() {
    return engine(cluster.client());
  }

  /** A new Engine talking through {@code client}, on this fixture's clock. */
  Engine engine(io.fabric8.kubernetes.client.KubernetesClient client) {
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return now;
      }
    };
    return Engine.oneShot(CATALOG, client, new Engine.Settings("agents", "default",
        "default", LoadOptions.defaults(), false, policy), clock);
  }

  void write(String file, String yaml) {
    try {
      Files.writeString(repo.resolve(file), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repo holds exactly these ConfigMaps (namespace {@code default}), nothing else. */
  void configMaps(String... names) {
    try (var files = Files.list(repo)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String n : names) {
      write(n + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + n
          + "\n  namespace: default\ndata:\n  k: v\n");
    }
  }

  /** Names of the ConfigMaps in {@code default} labelled for this source, live. */
  java.util.Set<String> labelled() {
    return cluster.client().configMaps().inNamespace("default")
        .withLabel("roster.dev/source", "agents").list().getItems().stream()
        .map(c -> c.getMetadata().getName())
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Names of the objects this source's stored inventory lists. */
  java.util.Set<String> inventory() {
    return new dev.roster.kube.InventoryStore(cluster.client(), "default").read("agents").keys()
        .stream().map(dev.roster.load.ResourceKey::name)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  Snapshot snapshot() {
    commit++;
    String hash = String.format("%040x", commit * 0x1111111L);
    return new Snapshot(new DirectoryTree(repo), "main@sha1:" + hash, repo.toString());
  }

  /** Plans and applies the repo as it is now; returns the plan applied. */
  Plan sync() {
    Engine.PlanRun run = engine().plan(snapshot());
    ApplyResult r = engine().apply(run, ApplyOptions.defaults());
    if (r.failed()) {
      throw new AssertionError("apply failed: " + r.outcomes());
    }
    return run.plan();
  }

  Plan plan() {
    return engine().plan(snapshot()).plan();
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  static ResourceDefinitionContext ctx(String group, String version, String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
        .withKind(kind).withPlural(plural).withNamespaced(true).build();
  }

  GenericKubernetesResource get(ResourceDefinitionContext c, String ns, String name) {
    return cluster.client().genericKubernetesResources(c).inNamespace(ns).withName(name).get();
  }

  /** Sets an object's status as its platform would (status subresource). */
  void status(ResourceDefinitionContext c, String ns, String name, Map<String, Object> status) {
    GenericKubernetesResource r = get(c, ns, name);
    r.setAdditionalProperty("status", status);
    cluster.client().genericKubernetesResources(c).inNamespace(ns).resource(r).updateStatus();
  }

  static Change change(Plan p, String kind, String name) {
    return p.changes().stream().filter(c -> c.key().kind().equals(kind)
        && c.key().name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
            "no change for " + kind + "/" + name + " in " + p.changes()));
  }

  @SuppressWarnings("unchecked")
  static Object at(GenericKubernetesResource r, String... path) {
    Object o = r.getAdditionalProperties();
    for (String p : path) {
      if ("metadata".equals(p) && o == r.getAdditionalProperties()) {
        o = Map.of("annotations", r.getMetadata().getAnnotations() == null ? Map.of()
            : r.getMetadata().getAnnotations());
        continue;
      }
      o = o instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(p) : null;
    }
    return o;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
