package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.load.TestCorpus;
import java.nio.file.Path;
import java.util.List;
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
  void reportsWhatOneCoreReports() {
    TestCorpus.copies(root, "/fixtures/schema", 3);
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
}
