package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.KOMPUTER;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.CatalogCrds;
import dev.roster.kube.InventoryStore;
import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinds outside the bundled catalog (example.dev/v1 Widget): with --allow-unknown-kinds or a
 * schema from --schema-dir, whether or not the cluster serves them.
 */
class CustomKindsE2eTest {
  static final String WIDGET = """
      apiVersion: example.dev/v1
      kind: Widget
      metadata:
        name: spinner
        namespace: agents
      spec:
        speed: 3
      """;
  static final ResourceKey WIDGET_KEY = new ResourceKey("example.dev", "Widget", NS, "spinner");

  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.write("widgets/spinner.yaml", WIDGET);
    f.commit("seven objects and a widget");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void appliesTheValidObjectsWhenOneKindIsNotServed() {
    E2eFixture.Run r = f.apply("--allow-unknown-kinds");
    assertEquals(5, r.exit(), r::toString);
    assertTrue(r.out().contains("+ create example.dev/v1 Widget agents/spinner"
        + " (widgets/spinner.yaml)"), r::toString);
    assertTrue(r.out().contains("Apply: 7 created, 0 updated, 0 pruned, 1 failed."), r::toString);
    assertTrue(r.err().contains("failed: create Widget agents/spinner: the API server does not"
        + " serve example.dev/v1 Widget (is its CRD installed?)"), r::toString);
    assertNotNull(f.get(KOC, "Task", NS, "fix-tests"));
    assertNotNull(f.get(KOMPUTER, "KomputerConfig", null, "komputer-config"));
    Set<ResourceKey> inventory = inventory();
    assertEquals(7, inventory.size(), inventory::toString);
    assertFalse(inventory.contains(WIDGET_KEY));

    E2eFixture.Run unknown = f.apply();
    assertEquals(3, unknown.exit(), "without --allow-unknown-kinds the kind is an error: "
        + unknown);
    assertTrue(unknown.err().startsWith("widgets/spinner.yaml:1:1: Widget/spinner: /apiVersion:"
        + " unknown kind example.dev/v1/Widget"), unknown::toString);
  }

  @Test
  void failsTheSameWithASchemaFromSchemaDir() throws IOException {
    Path schemas = widgetSchema();
    E2eFixture.Run r = f.apply("--schema-dir", schemas.toString());
    assertEquals(5, r.exit(), r::toString);
    assertTrue(r.err().contains("failed: create Widget agents/spinner: the API server does not"
        + " serve example.dev/v1 Widget"), r::toString);
    assertNotNull(f.get(KOC, "Agent", NS, "team-agent"));

    installWidgetCrd();
    E2eFixture.Run served = f.applyOk("--schema-dir", schemas.toString());
    assertTrue(served.out().contains("Apply: 1 created, 0 updated, 0 pruned, 0 failed."),
        served::toString);
    assertEquals("demo", f.live("example.dev/v1", "Widget", NS, "spinner").getMetadata()
        .getLabels().get("roster.dev/source"));

    f.delete("widgets/spinner.yaml");
    f.commit("drop the widget");
    E2eFixture.Run pruned = f.applyOk("--schema-dir", schemas.toString());
    assertTrue(pruned.outLines().contains("- prune example.dev/v1 Widget agents/spinner"
        + " (widgets/spinner.yaml)"), pruned::toString);
    assertNull(f.get("example.dev/v1", "Widget", NS, "spinner"));
  }

  @Test
  void prunesAServedKindThatHasNoSchema() {
    installWidgetCrd();
    E2eFixture.Run created = f.applyOk("--allow-unknown-kinds");
    assertTrue(created.out().contains("Apply: 8 created"), created::toString);
    assertTrue(inventory().contains(WIDGET_KEY));

    f.delete("widgets/spinner.yaml");
    f.commit("drop the widget");
    E2eFixture.Run plan = f.plan("--allow-unknown-kinds", "--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    assertTrue(plan.outLines().contains("- prune example.dev/v1 Widget agents/spinner"
        + " (widgets/spinner.yaml)"), plan::toString);

    f.requests().reset();
    E2eFixture.Run pruned = f.applyOk("--allow-unknown-kinds");
    assertTrue(pruned.out().contains("Apply: 0 created, 0 updated, 1 pruned, 0 failed."),
        pruned::toString);
    assertEquals(1, f.requests().count("DELETE"), f.requests()::toString);
    assertNull(f.get("example.dev/v1", "Widget", NS, "spinner"));
    assertFalse(inventory().contains(WIDGET_KEY));
  }

  private void installWidgetCrd() {
    f.client.apiextensions().v1().customResourceDefinitions().resource(CatalogCrds.crd(
        "example.dev", "Widget", List.of("v1"), Profile.Scope.NAMESPACED)).create();
  }

  private Path widgetSchema() throws IOException {
    Path dir = tmp.resolve("schemas/example.dev/v1");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Widget.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$id": "https://roster.dev/schema/example.dev/v1/Widget.json",
         "type": "object",
         "properties": {"metadata": {"$ref": "../../common/objectmeta.json"},
           "spec": {"type": "object", "properties": {"speed": {"type": "integer"}},
             "additionalProperties": false}}}
        """);
    Files.writeString(dir.resolve("Widget.profile.yaml"), "scope: Namespaced\nwave: 40\n");
    return tmp.resolve("schemas");
  }

  private Set<ResourceKey> inventory() {
    return new InventoryStore(f.client, "default").read(E2eFixture.SOURCE).keys();
  }
}
