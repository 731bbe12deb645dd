package dev.roster.serve;

import static dev.roster.serve.ServeRig.APPS;
import static dev.roster.serve.ServeRig.NEVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Condition;
import dev.roster.status.Conditions;
import dev.roster.status.SourceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RBAC that does not cover a kind, played by the embedded cluster with the API server's own 403
 * answers: status says {@code Forbidden} and names the verb, resource and namespace missing; once
 * granted, the source recovers without a new commit. A namespaced install (Roles only: no
 * all-namespace lists or watches) still reconciles, listing per namespace.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ForbiddenKindTest {
  @TempDir Path tmp;
  ServeRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  Supervisor serve() {
    return rig.serve(ServeRig.settings(rig.source(NEVER))
        .toBuilder().resyncInterval(Duration.ofHours(1)).retry(ServeFaultTest.FAST)
        .probeInterval(Duration.ofHours(1)).build(), new Metrics());
  }

  @Test
  void aKindRosterMayNotWriteIsForbiddenInStatusNamingThePermission() throws Exception {
    String c1 = rig.seed("a", "b");
    rig.cluster.deny("create", "", "configmaps", APPS);
    serve();

    SourceStatus refused = rig.awaitStatus("Ready=False Forbidden", s -> s.conditions().stream()
        .anyMatch(c -> c.type().equals(Conditions.READY) && c.status().equals(Conditions.FALSE)
            && c.reason().equals(Conditions.FORBIDDEN)));
    Condition ready = refused.conditions().stream()
        .filter(c -> c.type().equals(Conditions.READY)).findFirst().orElseThrow();
    assertTrue(ready.message().startsWith("2 object(s) failed or were refused; first refused by"
        + " RBAC: ConfigMap/"), ready.message());
    assertTrue(ready.message().contains("cannot create resource \"configmaps\" in API group \"\""
        + " in the namespace \"apps\""), ready.message());
    assertTrue(ready.message().contains("rbac.kinds"), ready.message());
    assertEquals(Map.of(), rig.live());

    rig.cluster.allowAll(); // the RBAC is fixed; no new commit
    rig.awaitApplied(c1);
    assertEquals(Map.of("a", "v1", "b", "v1"), rig.live());
  }

  @Test
  void withRolesOnlyInTheTargetNamespaceServeStillReconciles() throws Exception {
    String c1 = rig.seed("a");
    rig.cluster.deny("list", "", "configmaps", "");
    rig.cluster.deny("watch", "", "configmaps", "");
    serve();

    rig.awaitApplied(c1);
    assertEquals(Map.of("a", "v1"), rig.live());
    assertTrue(rig.cluster.requests().recent().stream().anyMatch(r -> r.method().equals("GET")
        && r.path().startsWith("/api/v1/namespaces/" + APPS + "/configmaps")),
        "listed in the namespace instead");
  }
}
