package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** komputer.ai lifecycle: AutoDelete agents stay deleted; a busy agent's prune is held. */
class KomputerLifecycleTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");

  @TempDir Path dir;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void agent(String name, String lifecycle, String rerun) {
    f.write(name + ".yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata:
          name: %s
          annotations: {roster.dev/external-refs: "KomputerAgentTemplate/*"%s}
        spec: {instructions: research, lifecycle: "%s"}
        """.formatted(name, rerun == null ? "" : ", roster.dev/rerun: \"" + rerun + "\"",
        lifecycle));
  }

  @Test
  void autoDeleteAgentTheplatformRemovedIsNotRecreatedUntilRerunChanges() {
    agent("once", "AutoDelete", null);
    agent("keeper", "", null); // keeps the desired state non-empty
    assertEquals(Action.CREATE, change(f.sync(), "KomputerAgent", "once").action());
    f.cluster.client().genericKubernetesResources(KA).inNamespace("default").withName("once")
        .delete(); // komputer: task complete, AutoDelete
    Change c = change(f.sync(), "KomputerAgent", "once");
    assertTrue(c.completed());
    assertTrue(c.reason().contains("AutoDelete"), c.reason());
    assertNull(f.get(KA, "default", "once"));
    // an agent without AutoDelete that someone deletes is re-created, as before
    f.cluster.client().genericKubernetesResources(KA).inNamespace("default").withName("keeper")
        .delete();
    assertEquals(Action.CREATE, change(f.sync(), "KomputerAgent", "keeper").action());
    agent("once", "AutoDelete", "2");
    assertEquals(Action.CREATE, change(f.sync(), "KomputerAgent", "once").action());
    assertNotNull(f.get(KA, "default", "once"));
  }

  @Test
  void busyAgentPruneIsHeldUntilIdleThenPruned() throws Exception {
    agent("busy", "", null);
    for (String k : new String[] {"k1", "k2", "k3", "k4"}) {
      agent(k, "", null); // a prune of one in five stays under --max-prune-ratio
    }
    f.sync();
    f.status(KA, "default", "busy", Map.of("taskStatus", "InProgress"));
    Files.delete(dir.resolve("busy.yaml"));
    Change held = change(f.sync(), "KomputerAgent", "busy");
    assertEquals(Action.PRUNE, held.action());
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertNotNull(f.get(KA, "default", "busy"));
    // still held on the next pass (kept in the inventory)
    assertEquals(RolloutState.Hold.HELD,
        change(f.sync(), "KomputerAgent", "busy").rollout().hold());
    f.status(KA, "default", "busy", Map.of("taskStatus", "Complete"));
    Change go = change(f.sync(), "KomputerAgent", "busy");
    assertEquals(Action.PRUNE, go.action());
    assertEquals(RolloutState.Hold.NONE, go.rollout().hold());
    assertNull(f.get(KA, "default", "busy"));
  }

  @Test
  void heldPruneIsForcedAfterTheTimeout() throws Exception {
    agent("busy", "", null);
    for (String k : new String[] {"k1", "k2", "k3", "k4"}) {
      agent(k, "", null); // a prune of one in five stays under --max-prune-ratio
    }
    f.sync();
    f.status(KA, "default", "busy", Map.of("taskStatus", "InProgress"));
    Files.delete(dir.resolve("busy.yaml"));
    assertEquals(RolloutState.Hold.HELD,
        change(f.sync(), "KomputerAgent", "busy").rollout().hold());
    f.advance(Duration.ofHours(2));
    Change forced = change(f.sync(), "KomputerAgent", "busy");
    assertEquals(RolloutState.Hold.FORCED, forced.rollout().hold());
    assertNull(f.get(KA, "default", "busy"));
  }
}
