package dev.roster.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.kube.InventoryStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9.6 as a user sees it: an inventory deleted while the seven objects it listed stay live,
 * and Git then drops one of them. Every output says so with the counts, before and after an
 * apply, until {@code --rebuild-inventory}; nothing is pruned on a guess.
 */
class InventoryLossE2eTest {
  static final String LOST = "7 objects labelled roster.dev/source=demo are live but not in its"
      + " inventory (ConfigMap default/roster-inventory-demo was lost or emptied): 6 that Git"
      + " defines will be listed again by apply; 1 that Git no longer defines is kept and never"
      + " pruned until 'roster apply --rebuild-inventory'";
  static final String STILL = "1 object labelled roster.dev/source=demo is live but not in its"
      + " inventory (ConfigMap default/roster-inventory-demo was lost or emptied): 0 that Git"
      + " defines will be listed again by apply; 1 that Git no longer defines is kept and never"
      + " pruned until 'roster apply --rebuild-inventory'";

  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.commit("standard");
    f.applyOk();
    f.client.configMaps().inNamespace("default").withName(E2eFixture.INVENTORY).delete();
    f.delete(Manifests.CONFIGMAP_FILE);
    f.commit("drop the ConfigMap");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void everyOutputWarnsWithTheCountsUntilTheInventoryIsRebuilt() throws Exception {
    E2eFixture.Run text = f.plan();
    assertEquals(0, text.exit(), text::toString);
    assertTrue(text.outLines().contains("warning: " + LOST), text::toString);
    assertTrue(text.out().contains("= orphaned v1 ConfigMap agents/agent-config"
        + " (agents/configmap.yaml): labelled roster.dev/source=demo but in no inventory"), text::toString);
    assertTrue(text.out().endsWith("Plan: 0 to create, 0 to update, 0 to prune, 6 unchanged,"
        + " 1 orphaned\n"), text::toString);

    E2eFixture.Run json = f.plan("-o", "json");
    Map<?, ?> doc = JsonMapper.builder().build().readValue(json.out(), Map.class);
    assertEquals(List.of(LOST), doc.get("warnings"), json::toString);

    E2eFixture.Run markdown = f.plan("-o", "markdown");
    assertTrue(markdown.out().contains("> **⚠️ Warning:** 7 objects labelled"
        + " roster.dev/source=demo are live but not in its inventory"), markdown::toString);

    E2eFixture.Run apply = f.applyOk("-o", "json");
    assertTrue(apply.err().contains("warning: " + LOST), "apply's stderr: " + apply);
    assertNotNull(f.client.configMaps().inNamespace(Manifests.NS).withName("agent-config").get(),
        "nothing pruned on a guess");
    ConfigMap inventory = f.client.configMaps().inNamespace("default")
        .withName(E2eFixture.INVENTORY).get();
    assertEquals("1", inventory.getData().get("unlisted"), inventory::toString);

    E2eFixture.Run after = f.plan();
    assertTrue(after.outLines().contains("warning: " + STILL),
        "an apply without a rebuild never makes the warning go away: " + after);

    E2eFixture.Run preview = f.plan("--rebuild-inventory");
    assertTrue(preview.out().contains("- prune v1 ConfigMap agents/agent-config"), preview::toString);
    assertTrue(preview.out().contains("warning: rebuilding the inventory (ConfigMap"
        + " default/roster-inventory-demo) from 1 object labelled roster.dev/source=demo that it"
        + " does not list: 1 that Git no longer defines will be pruned"), preview::toString);

    E2eFixture.Run rebuilt = f.applyOk("--rebuild-inventory");
    assertTrue(rebuilt.out().contains("Apply: 0 created, 0 updated, 1 pruned, 0 failed."),
        rebuilt::toString);
    assertNull(f.client.configMaps().inNamespace(Manifests.NS).withName("agent-config").get());
    E2eFixture.Run clean = f.plan();
    assertFalse(clean.out().contains("warning"), clean::toString);
    assertTrue(clean.out().startsWith("No changes."), clean::toString);
    assertNull(f.client.configMaps().inNamespace("default").withName(E2eFixture.INVENTORY).get()
        .getData().get("unlisted"));
    assertEquals(6, new InventoryStore(f.client, "default").read(E2eFixture.SOURCE).keys().size());
  }
}
