package dev.roster.validate;

import static dev.roster.validate.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundled kinds, and kinds added or overridden with --schema-dir. */
class SchemaCatalogTest {
  @TempDir Path repoDir;
  @TempDir Path first;
  @TempDir Path second;

  @Test
  void bundlesTheCoreKindsWithTheirProfiles() {
    SchemaCatalog c = TestRepo.BUNDLED;
    for (String kind : List.of("ConfigMap", "Namespace", "Secret", "ServiceAccount")) {
      assertTrue(c.kinds().contains(new KindId("", "v1", kind)), kind);
      assertTrue(c.schema(new KindId("", "v1", kind)).isPresent(), kind);
    }
    assertEquals(List.of("v1"), c.versions("", "ConfigMap"));
    assertEquals(List.of(), c.versions("", "Widget"));
    Profile ns = c.profile("", "Namespace");
    assertEquals(Profile.Scope.CLUSTER, ns.scope());
    assertEquals(Profile.NameFormat.LABEL, ns.nameFormat());
    assertEquals(List.of(), ns.references());
    assertEquals(Profile.defaults(), c.profile("example.com", "Widget"));
  }

  @Test
  void listsKindsSortedByApiVersionAndKind() {
    List<String> names = TestRepo.BUNDLED.kinds().stream().map(KindId::apiVersionKind).toList();
    assertEquals(names.stream().sorted().toList(), names);
    assertTrue(names.contains("v1/ConfigMap"));
  }

  @Test
  void addsKindsFromASchemaDir() {
    TestRepo.kind(first, "example.dev", "v1", "Thing", "scope: Cluster\nnameFormat: label\n");
    SchemaCatalog c = SchemaCatalog.load(List.of(first));
    assertTrue(c.schema(new KindId("example.dev", "v1", "Thing")).isPresent());
    assertEquals(Profile.Scope.CLUSTER, c.profile("example.dev", "Thing").scope());
    assertTrue(c.schema(new KindId("", "v1", "ConfigMap")).isPresent(), "bundled kinds stay");
    assertFalse(TestRepo.BUNDLED.schema(new KindId("example.dev", "v1", "Thing")).isPresent());
  }

  @Test
  void letsLaterSchemaDirsOverrideEarlierOnes() {
    TestRepo.kind(first, "example.dev", "v1", "Thing", "scope: Cluster\n");
    TestRepo.kind(second, "example.dev", "v1", "Thing", "scope: Namespaced\n");
    assertEquals(Profile.Scope.NAMESPACED,
        SchemaCatalog.load(List.of(first, second)).profile("example.dev", "Thing").scope());
    assertEquals(Profile.Scope.CLUSTER,
        SchemaCatalog.load(List.of(second, first)).profile("example.dev", "Thing").scope());
  }

  @Test
  void overridesABundledProfileAndSchema() {
    TestRepo.writeFile(first, "core/v1/ConfigMap.profile.yaml", "nameFormat: label\n");
    TestRepo.writeFile(first, "core/v1/ConfigMap.json", """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$id": "https://roster.dev/schema/core/v1/ConfigMap.json",
         "type": "object", "required": ["data"]}
        """);
    new TestRepo(repoDir).file("cm.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:",
        "  name: a.b");
    assertEquals(List.of(
        "cm.yaml:1:1: ConfigMap/a.b: missing required field \"data\"",
        "cm.yaml:4:3: ConfigMap/a.b: /metadata/name: invalid name \"a.b\": must be a DNS-1123"
            + " label (lower-case letters, digits and '-', at most 63 characters)"),
        lines(new TestRepo(repoDir).validate(SchemaCatalog.load(List.of(first)), false)));
  }

  @Test
  void suggestsEveryKnownVersion() {
    TestRepo.kind(first, "example.dev", "v1", "Thing", "");
    TestRepo.kind(first, "example.dev", "v1beta1", "Thing", "");
    new TestRepo(repoDir).file("t.yaml", "apiVersion: example.dev/v2", "kind: Thing",
        "metadata:", "  name: t");
    assertEquals(List.of("t.yaml:1:1: Thing/t: /apiVersion: unknown version of Thing: \"v2\""
        + " (known: v1, v1beta1)"),
        lines(new TestRepo(repoDir).validate(SchemaCatalog.load(List.of(first)), false)));
  }

  @Test
  void refusesAMissingSchemaDir() {
    Path missing = first.resolve("nope");
    ValidationException e = assertThrows(ValidationException.class,
        () -> SchemaCatalog.load(List.of(missing)));
    assertEquals("SchemaDirNotFound", e.reason().text());
    assertEquals("schema directory '" + missing + "' does not exist", e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void refusesASchemaThatIsNotJson() {
    TestRepo.writeFile(first, "example.dev/v1/Bad.json", "{not json");
    ValidationException e = assertThrows(ValidationException.class,
        () -> SchemaCatalog.load(List.of(first)));
    assertEquals("InvalidSchema", e.reason().text());
    assertTrue(e.getMessage().startsWith("schema 'example.dev/v1/Bad.json' is not valid JSON: "),
        e.getMessage());
  }

  @Test
  void refusesAMalformedProfile() {
    TestRepo.writeFile(first, "example.dev/v1/Bad.profile.yaml", "scope: Sideways\n");
    ValidationException e = assertThrows(ValidationException.class,
        () -> SchemaCatalog.load(List.of(first)));
    assertEquals("InvalidProfile", e.reason().text());
    assertTrue(
        e.getMessage().startsWith("failed to read profile 'example.dev/v1/Bad.profile.yaml'"),
        e.getMessage());
  }

  @Test
  void readsEveryProfileField() {
    TestRepo.exampleCatalog(first);
    Profile p = SchemaCatalog.load(List.of(first)).profile("example.dev", "Agent");
    assertEquals(Profile.NameFormat.LABEL, p.nameFormat());
    assertEquals(new Profile.Reference("/spec/configs/*", "", List.of("ConfigMap"), null, true),
        p.references().get(1));
    assertEquals(new Profile.Reference("/spec/members/*/name", null, List.of("Agent"),
        "namespace", false), p.references().get(2));
    assertEquals(new Profile.Graph("teammates", "/spec/teammates/*", "/name",
        List.of("/dependsOn/*", "/inputs/*/from"), true), p.graphs().get(0));
    assertFalse(p.graphs().get(1).acyclic());
  }
}
