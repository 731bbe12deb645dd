package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading again re-parses only files whose content id changed, with the same results. */
class ParseCacheTest {
  private final ParseCache cache = new ParseCache();
  private final ManifestLoader cached = new ManifestLoader(LoadOptions.defaults(), cache);
  private final ManifestLoader plain = new ManifestLoader(LoadOptions.defaults());
  private final MemoryTree tree = new MemoryTree()
      .put("a.yaml", cm("a", "1"))
      .put("team/b.yaml", cm("b", "1") + "---\n" + cm("c", "1"))
      .put("team/bad.yaml", "kind: [\n");

  private static String cm(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: \""
        + value + "\"\n";
  }

  /** Manifests as origin and tree (the pointer index has no equality). */
  private static List<List<Object>> view(LoadResult r) {
    return r.manifests().stream().map(m -> List.<Object>of(m.origin(), m.object())).toList();
  }

  private static List<String> formats(LoadResult r) {
    return r.problems().stream().map(Problem::format).toList();
  }

  @Test
  void loadsAsAnUncachedLoaderDoes() {
    LoadResult first = cached.load(tree);
    LoadResult again = cached.load(tree);
    LoadResult reference = plain.load(tree);
    for (LoadResult r : List.of(first, again)) {
      assertEquals(view(reference), view(r));
      assertEquals(formats(reference), formats(r));
      assertEquals(reference.files(), r.files());
    }
  }

  @Test
  void reusesTheManifestsOfUnchangedFilesWithoutReadingThem() {
    LoadResult first = cached.load(tree);
    assertEquals(3, cache.misses());
    int reads = tree.reads;
    LoadResult again = cached.load(tree);
    assertEquals(3, cache.hits());
    assertEquals(reads, tree.reads);
    for (int i = 0; i < first.manifests().size(); i++) {
      assertSame(first.manifests().get(i), again.manifests().get(i));
    }
  }

  @Test
  void parsesAChangedFileAgain() {
    LoadResult first = cached.load(tree);
    tree.put("team/b.yaml", cm("b", "2"));
    LoadResult second = cached.load(tree);
    assertEquals(List.of("a", "b"), second.manifests().stream().map(Manifest::name).toList());
    assertSame(first.manifests().get(0), second.manifests().get(0));
    assertNotSame(first.manifests().get(1), second.manifests().get(1));
    assertEquals("2", ((java.util.Map<?, ?>) second.manifests().get(1).object().get("data"))
        .get("k"));
    assertEquals(1 + 3, cache.misses()); // the changed file only, after the first load's three
    assertEquals(2, cache.hits());
  }

  @Test
  void dropsFilesGoneFromTheTree() {
    cached.load(tree);
    assertEquals(3, cache.size());
    tree.remove("team/b.yaml").remove("team/bad.yaml");
    LoadResult r = cached.load(tree);
    assertEquals(1, cache.size());
    assertEquals(List.of("a"), r.manifests().stream().map(Manifest::name).toList());
    assertEquals(List.of(), r.problems());
  }

  @Test
  void alwaysParsesTreesWithoutContentIds(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), cm("a", "1"));
    LoadResult first = cached.load(dir);
    LoadResult again = cached.load(dir);
    assertEquals(0, cache.size());
    assertEquals(view(first), view(again));
    assertNotSame(first.manifests().get(0), again.manifests().get(0));
  }

  @Test
  void locatesFieldsOfCachedManifestsAsParsingDoes() {
    LoadResult reference = plain.load(tree);
    cached.load(tree);
    LoadResult again = cached.load(tree);
    for (int i = 0; i < reference.manifests().size(); i++) {
      for (String p : List.of("", "/kind", "/metadata/name", "/data/k", "/data/absent")) {
        assertEquals(reference.manifests().get(i).locate(p), again.manifests().get(i).locate(p));
      }
      assertEquals(reference.manifests().get(i).index().contains("/data"),
          again.manifests().get(i).index().contains("/data"));
    }
  }

  @Test
  void noneKeepsNothingAndParsesEveryLoad() {
    ParseCache none = ParseCache.none();
    ManifestLoader loader = new ManifestLoader(LoadOptions.defaults(), none);
    LoadResult first = loader.load(tree);
    int reads = tree.reads;
    LoadResult again = loader.load(tree);
    assertEquals(2 * reads, tree.reads, "every file read again");
    assertNotSame(first.manifests().get(0), again.manifests().get(0));
    assertEquals(view(plain.load(tree)), view(again));
    assertEquals(0, none.size());
  }
}
