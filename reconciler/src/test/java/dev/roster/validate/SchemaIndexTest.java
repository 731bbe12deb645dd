package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled schemas read through the build's index ({@link SchemaCatalog#INDEX}) make the same
 * catalog as walking the bundled directory: the index is complete, and every kind's schema,
 * shared schema and profile is the same.
 */
class SchemaIndexTest {
  static final Path SCHEMA = Path.of(System.getProperty("roster.repoRoot", ".."), "schema");

  @Test
  void theIndexListsEveryBundledSchemaAndProfile() throws IOException {
    List<String> walked;
    try (Stream<Path> s = Files.walk(SCHEMA)) {
      walked = s.filter(Files::isRegularFile).map(p -> SCHEMA.relativize(p).toString()
          .replace('\\', '/')).filter(r -> r.endsWith(".json") || r.endsWith(".profile.yaml"))
          .sorted().toList();
    }
    assertEquals(walked, index());
  }

  @Test
  void theIndexedCatalogIsTheWalkedOne() throws IOException {
    SchemaCatalog indexed = SchemaCatalog.load(List.of(), true);
    SchemaCatalog walked = SchemaCatalog.load(List.of(), false);
    assertEquals(walked.kinds(), indexed.kinds());
    assertTrue(indexed.kinds().size() > 10, "kinds: " + indexed.kinds());
    for (KindId k : walked.kinds()) {
      String id = walked.schemaId(k).orElseThrow();
      assertEquals(id, indexed.schemaId(k).orElseThrow(), k.toString());
      assertEquals(walked.rawSchema(id), indexed.rawSchema(id), id);
      assertEquals(walked.profile(k.group(), k.kind()), indexed.profile(k.group(), k.kind()),
          k.toString());
      assertEquals(walked.schema(k).isPresent(), indexed.schema(k).isPresent(), k.toString());
    }
    for (String rel : index()) { // shared schemas (common/) are known by their $id only
      String id = SchemaCatalog.BASE + rel;
      assertEquals(walked.rawSchema(id), indexed.rawSchema(id), id);
    }
  }

  /**
   * A bundled file is kept as text and parsed when first needed, its {@code $id} taken from its
   * path: the same documents, ids and profiles as reading each file at load the way a {@code
   * --schema-dir}'s are read.
   */
  @Test
  void bundledFilesParsedOnFirstUseAreWhatReadingThemAtLoadGives() throws IOException {
    SchemaCatalog catalog = SchemaCatalog.bundled();
    JsonMapper json = JsonMapper.builder().build();
    int profiles = 0;
    for (String rel : index()) {
      String text = Files.readString(SCHEMA.resolve(rel), StandardCharsets.UTF_8);
      String[] parts = rel.split("/");
      String group = "core".equals(parts[0]) ? "" : parts[0];
      if (rel.endsWith(".json")) {
        JsonNode eager = json.readTree(text);
        assertEquals(SchemaCatalog.BASE + rel, eager.path("$id").stringValue(),
            rel + ": a bundled schema's $id is its path under " + SchemaCatalog.BASE);
        assertEquals(eager, catalog.rawSchema(SchemaCatalog.BASE + rel), rel);
        if (parts.length == 3 && !"common".equals(parts[0])) {
          KindId kind = new KindId(group, parts[1], parts[2].replace(".json", ""));
          assertEquals(SchemaCatalog.BASE + rel, catalog.schemaId(kind).orElseThrow(), rel);
        }
      } else {
        String kind = parts[2].replace(".profile.yaml", "");
        assertEquals(ProfileReader.read(rel, text), catalog.profile(group, kind), rel);
        assertNotEquals(Profile.defaults(), catalog.profile(group, kind), rel);
        profiles++;
      }
    }
    assertTrue(profiles > 10, "profiles: " + profiles);
  }

  static List<String> index() throws IOException {
    try (InputStream in = SchemaCatalog.class.getResourceAsStream("/" + SchemaCatalog.INDEX)) {
      assertTrue(in != null, SchemaCatalog.INDEX + " is on the class path (written by the build)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
    }
  }
}
