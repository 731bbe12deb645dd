package dev.roster.bench;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.engine.Engine;
import dev.roster.kube.KubeClients;
import dev.roster.kube.RequestCounter;
import dev.roster.kube.ResourceResolver;
import dev.roster.kube.Trees;
import dev.roster.load.LoadOptions;
import dev.roster.plan.DesiredObject;
import dev.roster.source.DirectoryTree;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cold apply of a generated repo against the embedded API server, as a ratio to the floor: the
 * same objects created through the same client at the same concurrency, with no planning. Then
 * the cost of a no-op plan: time and API requests.
 */
public final class ApplyBenchmark {
  /** Measurements, in milliseconds and request counts. */
  public record Result(int objects, double floorMillis, double applyMillis, long applyFailures,
      double noopPlanMillis, long noopRequests, long noopLists, long noopWrites) {
    public double ratio() {
      return applyMillis / floorMillis;
    }
  }

  private ApplyBenchmark() {}

  public static Result run(Path repo, int concurrency) throws Exception {
    SchemaCatalog catalog = SchemaCatalog.bundled();
    Snapshot snapshot = new Snapshot(new DirectoryTree(repo), "bench", repo.toString());
    Engine.Settings settings = new Engine.Settings("bench", "default", "default",
        LoadOptions.defaults(), false);
    double floor;
    List<DesiredObject> objects;
    try (EmbeddedCluster cluster = EmbeddedCluster.start();
        KubernetesClient client = KubeClients.forUrl(cluster.url(), "default")) {
      objects = Engine.oneShot(catalog, client, settings).plan(snapshot).desired().objects();
      createAll(client, objects.subList(0, Math.min(1000, objects.size())), concurrency); // warm
    }
    try (EmbeddedCluster cluster = EmbeddedCluster.start();
        KubernetesClient client = KubeClients.forUrl(cluster.url(), "default")) {
      floor = createAll(client, objects, concurrency);
    }
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      RequestCounter counter = new RequestCounter();
      try (KubernetesClient client = KubeClients.forUrl(cluster.url(), "default", counter)) {
        Engine engine = Engine.oneShot(catalog, client, settings);
        long t0 = System.nanoTime();
        ApplyResult applied = engine.apply(engine.plan(snapshot),
            new ApplyOptions(false, false, 0.25, concurrency));
        double apply = (System.nanoTime() - t0) / 1e6;
        engine.plan(snapshot); // warm the no-op path once
        counter.reset();
        long t1 = System.nanoTime();
        var noop = engine.plan(snapshot);
        double noopMillis = (System.nanoTime() - t1) / 1e6;
        if (noop.plan().hasChanges()) {
          throw new IllegalStateException("no-op plan has changes");
        }
        return new Result(objects.size(), floor, apply, applied.failures().size(), noopMillis,
            counter.total(), counter.count("list"), counter.writes());
      }
    }
  }

  private static double createAll(KubernetesClient client, List<DesiredObject> objects,
      int concurrency) throws Exception {
    ResourceResolver resolver = new ResourceResolver(client);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (DesiredObject d : objects) {
        futures.add(pool.submit(() -> {
          var ctx = resolver.resolve(d.apiVersion(), d.key().kind()).orElseThrow();
          var op = client.genericKubernetesResources(ctx);
          var scoped = ctx.isNamespaceScoped() ? op.inNamespace(d.key().namespace()) : op;
          scoped.resource(Trees.toResource(client, d.object())).create();
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return (System.nanoTime() - t0) / 1e6;
    } finally {
      pool.shutdownNow();
    }
  }
}
