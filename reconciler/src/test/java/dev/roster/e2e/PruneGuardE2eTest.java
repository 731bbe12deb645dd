package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.KOMPUTER;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.InventoryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mass-prune guard: large or total prunes need --allow-mass-prune. */
class PruneGuardE2eTest {
  static final List<String> FIVE = List.of(Manifests.CONFIGMAP_FILE, Manifests.TASK_FILE,
      Manifests.KOMPUTER_FILE, Manifests.KOMPUTER_CONFIG_FILE, "agents/extra.yaml");

  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.write("agents/extra.yaml", Manifests.plainConfigMap("extra", "8"));
    f.write("empty/README.md", "Nothing to apply here.\n");
    f.commit("eight objects");
    E2eFixture.Run r = f.applyOk();
    assertTrue(r.out().contains("Apply: 8 created"), r::toString);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void refusesToPruneMoreThanTheRatioUnlessAllowed() {
    FIVE.forEach(f::delete);
    f.commit("delete five of eight");
    f.requests().reset();

    E2eFixture.Run refused = f.apply();
    assertEquals(5, refused.exit(), refused::toString);
    assertTrue(refused.err().contains("refusing to prune 5 of 8 managed objects (more than"
        + " --max-prune-ratio 0.25); pass --allow-mass-prune if this is intended"),
        refused::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertEightLive();
    assertEquals(8, inventorySize());

    E2eFixture.Run looser = f.apply("--max-prune-ratio", "0.5");
    assertEquals(5, looser.exit(), "5 of 8 is still more than half: " + looser);

    f.requests().reset();
    E2eFixture.Run allowed = f.applyOk("--allow-mass-prune");
    assertTrue(allowed.out().contains("Apply: 0 created, 0 updated, 5 pruned, 0 failed."),
        allowed::toString);
    assertEquals(5, f.requests().count("DELETE"), f.requests()::toString);
    assertNull(f.get(KOC, "Task", NS, "fix-tests"));
    assertNull(f.get(KOMPUTER, "KomputerConfig", null, "komputer-config"));
    assertNull(f.client.configMaps().inNamespace(NS).withName("extra").get());
    assertNotNull(f.get(KOC, "Agent", NS, "team-agent"));
    assertEquals(3, inventorySize());
  }

  @Test
  void refusesAnEmptyDesiredStateFromAnEmptyPath() {
    f.requests().reset();
    E2eFixture.Run r = f.apply("--path", "empty");

    assertEquals(5, r.exit(), r::toString);
    assertTrue(r.err().contains("refusing to prune all 8 objects: the desired state is empty"
        + " (wrong --path or ref?); pass --allow-mass-prune"), r::toString);
    assertEquals(0, f.requests().writes(), f.requests()::toString);
    assertEightLive();
  }

  @Test
  void refusesToPruneEverythingWhenGitDeletesEverything() {
    for (String file : List.of(Manifests.NAMESPACE_FILE, Manifests.TEMPLATE_FILE,
        Manifests.AGENT_FILE)) {
      f.delete(file);
    }
    FIVE.forEach(f::delete);
    f.commit("delete everything");

    E2eFixture.Run r = f.apply();
    assertEquals(5, r.exit(), r::toString);
    assertTrue(r.err().contains("refusing to prune all 8 objects"), r::toString);
    assertEightLive();

    E2eFixture.Run allowed = f.applyOk("--allow-mass-prune");
    assertTrue(allowed.out().contains("8 pruned"), allowed::toString);
    assertNull(f.client.namespaces().withName(NS).get());
    assertEquals(0, inventorySize());
  }

  private void assertEightLive() {
    assertNotNull(f.client.namespaces().withName(NS).get());
    assertNotNull(f.client.configMaps().inNamespace(NS).withName("agent-config").get());
    assertNotNull(f.client.configMaps().inNamespace(NS).withName("extra").get());
    assertNotNull(f.get(KOC, "AgentTemplate", NS, "team-config"));
    assertNotNull(f.get(KOC, "Agent", NS, "team-agent"));
    assertNotNull(f.get(KOC, "Task", NS, "fix-tests"));
    assertNotNull(f.get(KOMPUTER, "KomputerAgent", NS, "triage-bot"));
    assertNotNull(f.get(KOMPUTER, "KomputerConfig", null, "komputer-config"));
  }

  private int inventorySize() {
    return new InventoryStore(f.client, "default").read(E2eFixture.SOURCE).keys().size();
  }
}
