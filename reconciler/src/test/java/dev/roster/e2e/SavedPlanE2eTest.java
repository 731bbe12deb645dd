package dev.roster.e2e;

import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --out FILE} then {@code apply --plan FILE}: the saved plan is applied as made, and
 * refused (exit 5, not one write, a line naming what moved) when the repo has a new commit or a
 * planned object changed, appeared or disappeared live since.
 */
class SavedPlanE2eTest {
  @TempDir Path tmp;
  E2eFixture f;
  Path saved;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.commit("seven objects");
    f.applyOk();
    f.write(Manifests.CONFIGMAP_FILE, Manifests.configMap("agent-config", "Be thorough."));
    f.commit("a longer prompt");
    saved = tmp.resolve("plan.json");
    E2eFixture.Run plan = f.plan("--out", saved.toString());
    assertEquals(0, plan.exit(), plan::toString);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void theSavedPlanRecordsRevisionVersionsAndOperations() throws Exception {
    String doc = Files.readString(saved);
    assertTrue(doc.contains("\"format\" : \"roster.dev/saved-plan/v1\""), doc);
    assertTrue(doc.contains("\"revision\" : \"" + E2eFixture.revision("HEAD", f.head()) + "\"")
        || doc.contains(f.head()), doc);
    String rv = f.live("v1", "ConfigMap", NS, "agent-config").getMetadata().getResourceVersion();
    assertTrue(doc.contains("\"operation\" : \"update\",\n    \"resourceVersion\" : \"" + rv
        + "\""), doc);
    assertTrue(!doc.contains("Be thorough"), "no object content, only digests");
  }

  @Test
  void appliesTheSavedPlan() {
    f.requests().reset();
    E2eFixture.Run apply = f.apply("--plan", saved.toString());
    assertEquals(0, apply.exit(), apply::toString);
    assertTrue(apply.out().contains("Apply: 0 created, 1 updated"), apply::toString);
    assertEquals("Be thorough.", E2eFixture.field(
        f.live("v1", "ConfigMap", NS, "agent-config"), "data").values().iterator().next());
    assertEquals(5, f.apply("--plan", saved.toString()).exit(),
        "applied once: the same saved plan is now stale");
  }

  @Test
  void refusesAfterALiveEdit() {
    f.patchLive("v1", "ConfigMap", NS, "agent-config", "[{\"op\": \"add\", \"path\":"
        + " \"/metadata/labels/edited\", \"value\": \"by-hand\"}]");
    f.requests().reset();
    E2eFixture.Run apply = f.apply("--plan", saved.toString());
    assertEquals(5, apply.exit(), apply::toString);
    assertTrue(apply.err().contains("moved: ConfigMap agents/agent-config: changed live since the"
        + " plan (resourceVersion"), apply::toString);
    assertTrue(apply.err().contains("nothing written"), apply::toString);
    assertEquals(0, f.requests().writes(), () -> "writes: " + f.requests().recentWrites());
    assertEquals("Be brief.", E2eFixture.field(
        f.live("v1", "ConfigMap", NS, "agent-config"), "data").values().iterator().next());
  }

  @Test
  void refusesAfterANewCommit() {
    f.write(Manifests.CONFIGMAP_FILE, Manifests.configMap("agent-config", "Be quick."));
    String head = f.commit("another prompt");
    f.requests().reset();
    E2eFixture.Run apply = f.apply("--plan", saved.toString());
    assertEquals(5, apply.exit(), apply::toString);
    assertTrue(apply.err().contains("moved: revision: planned "), apply::toString);
    assertTrue(apply.err().contains(head), apply::toString);
    assertEquals(0, f.requests().writes(), () -> "writes: " + f.requests().recentWrites());
  }

  @Test
  void refusesWhenAPlannedCreateAppearedLive() throws Exception {
    f.write("agents/extra.yaml", Manifests.plainConfigMap("extra", "ours"));
    f.commit("one more");
    E2eFixture.Run plan = f.plan("--out", saved.toString());
    assertEquals(0, plan.exit(), plan::toString);
    f.client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("extra").withNamespace(NS).endMetadata().addToData("v", "theirs").build())
        .create();
    f.requests().reset();
    E2eFixture.Run apply = f.apply("--plan", saved.toString());
    assertEquals(5, apply.exit(), apply::toString);
    assertTrue(apply.err().contains("moved: ConfigMap agents/extra: appeared live since the plan"),
        apply::toString);
    assertEquals(0, f.requests().writes(), () -> "writes: " + f.requests().recentWrites());
  }

  @Test
  void refusesWhenAPlannedObjectWasDeletedLive() {
    f.client.configMaps().inNamespace(NS).withName("agent-config").delete();
    f.requests().reset();
    E2eFixture.Run apply = f.apply("--plan", saved.toString());
    assertEquals(5, apply.exit(), apply::toString);
    assertTrue(apply.err().contains("moved: ConfigMap agents/agent-config: gone live since the"
        + " plan"), apply::toString);
    assertEquals(0, f.requests().writes(), () -> "writes: " + f.requests().recentWrites());
    assertNull(f.get("v1", "ConfigMap", NS, "agent-config"));
  }

  @Test
  void outCannotBeSavedWithBaseAndAMissingPlanIsAUsageError() {
    assertEquals(2, f.plan("--base", "HEAD~1", "--out", saved.toString()).exit());
    E2eFixture.Run apply = f.apply("--plan", tmp.resolve("absent.json").toString());
    assertEquals(2, apply.exit(), apply::toString);
    assertTrue(apply.err().contains("cannot read the saved plan"), apply::toString);
  }
}
