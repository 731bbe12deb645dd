package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-manifest checks spread over the cores ({@link Validator#fresh}) give the report the
 * one-core path gives, problem for problem and in order: on the schema fixtures (every kind, valid
 * and invalid) and example-repo, copied three times so that duplicates are reported too.
 */
class ParallelValidationTest {
  @TempDir Path root;

  @Test
  void reportsWhatOneCoreReports() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/fixtures/schema").toURI());
    Path example = Path.of("..", "example-repo").toAbsolutePath().normalize();
    for (int copy = 0; copy < 3; copy++) {
      copyTree(fixtures, root.resolve("fixtures-" + copy));
      copyTree(example, root.resolve("example-" + copy));
    }
    LoadResult loaded = new ManifestLoader(LoadOptions.defaults()).load(root);
    assertTrue(loaded.manifests().size() > 2 * Validator.PARALLEL_FROM, "enough to spread");

    Validator oneCore = new Validator(TestRepo.BUNDLED, false);
    oneCore.parallelFrom = Integer.MAX_VALUE;
    Validator spread = new Validator(TestRepo.BUNDLED, false);
    spread.parallelFrom = 1;

    List<String> expected = TestRepo.lines(oneCore.validate(loaded));
    assertTrue(expected.stream().anyMatch(l -> l.contains("defined twice")), "duplicates");
    assertTrue(expected.stream().anyMatch(l -> l.contains("unknown field")), "schema errors");
    for (int run = 0; run < 3; run++) {
      assertEquals(expected, TestRepo.lines(spread.validate(loaded)));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.filter(Files::isRegularFile).forEach(f -> {
        try {
          Path target = to.resolve(from.relativize(f).toString());
          Files.createDirectories(target.getParent());
          Files.copy(f, target);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
