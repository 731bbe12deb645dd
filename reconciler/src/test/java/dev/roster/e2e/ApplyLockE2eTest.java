package dev.roster.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.ApplyLock;
import dev.roster.kube.InventoryStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's side of issue 9.6: the lock, a corrupt inventory and a rebuild, as a user sees them. */
class ApplyLockE2eTest {
  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.commit("standard");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void applyWhileAnotherHoldsTheLockExitsFiveNamingTheHolder() throws Exception {
    try (ApplyLock.Held held = new ApplyLock(f.client, "default")
        .acquire(E2eFixture.SOURCE, "serve on roster-0", Duration.ZERO)) {
      f.requests().reset();
      E2eFixture.Run r = f.apply("--lock-timeout", "0s");
      assertEquals(5, r.exit(), r::toString);
      assertTrue(r.err().contains("roster: cluster ApplyLocked: source 'demo' is being applied by"
          + " serve on roster-0 (Lease default/roster-apply-demo, renewed "), r::toString);
      assertTrue(r.err().contains("waited 0s (--lock-timeout); nothing written"), r::toString);
      assertEquals(0, f.requests().writes(), f.requests()::toString);
    }
    E2eFixture.Run ok = f.applyOk();
    assertTrue(ok.out().contains("Apply: 7 created"), ok::toString);
  }

  @Test
  void aCorruptInventoryExitsFiveAndRebuildRepairsIt() {
    f.applyOk();
    f.client.configMaps().inNamespace("default").withName(InventoryStore.name(E2eFixture.SOURCE))
        .edit(cm -> {
          cm.getBinaryData().put("inventory.gz", "%%%");
          return cm;
        });
    E2eFixture.Run plan = f.plan();
    assertEquals(5, plan.exit(), plan::toString);
    assertTrue(plan.err().startsWith("roster: cluster InventoryCorrupt: inventory ConfigMap"
        + " default/roster-inventory-demo cannot be decoded ("), plan::toString);

    E2eFixture.Run rebuilt = f.applyOk("--rebuild-inventory");
    assertTrue(rebuilt.out().contains("Apply: 0 created, 0 updated, 0 pruned, 0 failed."),
        rebuilt::toString);
    assertEquals(7, new InventoryStore(f.client, "default").read(E2eFixture.SOURCE).keys()
        .size());
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }
}
