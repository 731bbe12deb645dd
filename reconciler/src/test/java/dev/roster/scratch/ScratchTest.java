package dev.roster.scratch;

import dev.roster.apply.ApplyOptions;
import dev.roster.engine.Engine;
import dev.roster.load.LoadOptions;
import dev.roster.source.DirectoryTree;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
  @TempDir Path dir;

  @Test
  void scratch() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(java.net.InetAddress.getByName("127.0.0.1"), 0);
    KubernetesClient client = server.createClient();
    System.out.println("RES v1: " + client.getApiResources("v1"));
    Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns1\ndata:\n  x: \"1\"\n  y: \"2\"\n");
    Engine e = new Engine(SchemaCatalog.bundled(), client, new Engine.Settings("s1", "default", "default", LoadOptions.defaults(), false));
    var run = e.plan(new Snapshot(new DirectoryTree(dir), "r1", "repo"));
    System.out.println("PLAN1 " + run.plan().changes());
    var res = e.apply(run, ApplyOptions.defaults());
    System.out.println("APPLY1 " + res.outcomes());
    Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns1\ndata:\n  x: \"3\"\n");
    run = e.plan(new Snapshot(new DirectoryTree(dir), "r2", "repo"));
    System.out.println("PLAN2 " + run.plan().changes().get(0).patch());
    res = e.apply(run, ApplyOptions.defaults());
    System.out.println("APPLY2 " + res.outcomes());
    System.out.println("LIVE " + client.configMaps().inNamespace("ns1").withName("a").get());
    run = e.plan(new Snapshot(new DirectoryTree(dir), "r3", "repo"));
    System.out.println("PLAN3 " + run.plan().changes().get(0).action());
    // stale rv test
    String bad = "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"1\"},{\"op\":\"replace\",\"path\":\"/data/x\",\"value\":\"9\"}]";
    try { client.configMaps().inNamespace("ns1").withName("a").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), bad); System.out.println("STALE PATCH ACCEPTED " + client.configMaps().inNamespace("ns1").withName("a").get().getData());}
    catch (Exception ex) { System.out.println("STALE PATCH: " + ex); }
    String bad2 = "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"1\"},{\"op\":\"replace\",\"path\":\"/data/x\",\"value\":\"9\"}]";
    try { client.configMaps().inNamespace("ns1").withName("a").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), bad2); System.out.println("STALE RV PATCH ACCEPTED " + client.configMaps().inNamespace("ns1").withName("a").get().getData());}
    catch (Exception ex) { System.out.println("STALE RV PATCH: " + ex); }
    server.destroy();
  }
}
