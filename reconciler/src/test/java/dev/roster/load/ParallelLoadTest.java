package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory parsed on every core ({@code ManifestLoader.parseAll}) loads what the one-core path
 * loads: the same manifests (origin, object, every field's location) and problems, in the same
 * order — on every fixture, example-repo and broken files, copied three times.
 */
class ParallelLoadTest {
  @TempDir Path root;

  @Test
  void loadsWhatOneCoreLoads() throws Exception {
    TestCorpus.copies(root, "/fixtures", 3);
    for (int copy = 0; copy < 3; copy++) {
      Files.write(root.resolve("broken-" + copy + ".yaml"), "a: [\n".getBytes(StandardCharsets.UTF_8));
      Files.write(root.resolve("latin1-" + copy + ".yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9});
    }
    ManifestLoader oneCore = new ManifestLoader(LoadOptions.defaults());
    oneCore.parallelFrom = Integer.MAX_VALUE;
    ManifestLoader spread = new ManifestLoader(LoadOptions.defaults());
    spread.parallelFrom = 1;

    LoadResult expected = oneCore.load(root);
    assertTrue(expected.files() > 2 * ManifestLoader.PARALLEL_FROM, "enough to spread");
    assertFalse(expected.problems().isEmpty(), "broken files reported");
    for (int run = 0; run < 3; run++) {
      LoadResult got = spread.load(root);
      assertEquals(expected.files(), got.files());
      assertEquals(expected.problems(), got.problems());
      assertEquals(describe(expected.manifests()), describe(got.manifests()));
    }
  }

  /** Each manifest as its origin, its object and the location of every field. */
  private static List<String> describe(List<Manifest> manifests) {
    return manifests.stream().map(m -> m.origin() + " " + m.object() + " "
        + pointers("", m.object()).stream().map(p -> p + "@" + m.locate(p)).toList()).toList();
  }

  private static List<String> pointers(String at, Object value) {
    List<String> out = new java.util.ArrayList<>();
    out.add(at);
    if (value instanceof java.util.Map<?, ?> map) {
      map.forEach((k, v) -> out.addAll(pointers(at + "/" + PointerIndex.escape(k.toString()), v)));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.addAll(pointers(at + "/" + i, list.get(i)));
      }
    }
    return out;
  }
}
