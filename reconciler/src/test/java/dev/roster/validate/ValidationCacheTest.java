package dev.roster.validate;

import static dev.roster.validate.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.bench.RepoGenerator;
import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.load.ManifestLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-manifest checks are skipped for manifests seen before; repo-wide rules always run. */
class ValidationCacheTest {
  @TempDir Path dir;
  private final ValidationCache cache = new ValidationCache();
  private final Validator cached = new Validator(TestRepo.BUNDLED, false, cache);
  private final Validator plain = new Validator(TestRepo.BUNDLED, false);
  private LoadResult loaded;
  private int n;

  @BeforeEach
  void load() throws IOException {
    RepoGenerator.write(dir, 10);
    loaded = new ManifestLoader(LoadOptions.defaults()).load(dir);
    n = loaded.manifests().size();
  }

  private LoadResult with(List<Manifest> manifests) {
    return new LoadResult(manifests, loaded.problems(), loaded.files());
  }

  @Test
  void checksEachManifestOnceAndReportsAsWithoutTheCache() {
    ValidationReport first = cached.validate(loaded);
    ValidationReport again = cached.validate(loaded);
    assertTrue(first.valid());
    assertEquals(lines(plain.validate(loaded)), lines(again));
    assertEquals(first, again);
    assertEquals(n, cache.misses());
    assertEquals(n, cache.hits());
    assertEquals(n, cache.size());
  }

  @Test
  void runsRepoWideRulesAgainForUnchangedManifests() {
    cached.validate(loaded);
    List<Manifest> rest = new ArrayList<>(loaded.manifests());
    assertTrue(rest.removeIf(m -> m.kind().equals("AgentTemplate")));
    ValidationReport r = cached.validate(with(rest));
    assertFalse(r.valid()); // the agents' templateRef no longer resolves
    assertEquals(lines(plain.validate(with(rest))), lines(r));
    assertEquals(n - 1, cache.hits());
    assertEquals(n - 1, cache.size()); // the removed manifest is dropped
  }

  @Test
  void checksAChangedManifestAgain() {
    cached.validate(loaded);
    List<Manifest> changed = new ArrayList<>(loaded.manifests());
    int i = 0;
    while (!changed.get(i).kind().equals("ConfigMap")) {
      i++;
    }
    Manifest old = changed.get(i);
    String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + old.name()
        + "\n  namespace: " + old.namespace() + "\ndata: [not, a, map]\n";
    Manifest fresh = new ManifestLoader(LoadOptions.defaults())
        .parseBytes(old.origin().file(), text.getBytes(StandardCharsets.UTF_8)).manifests().get(0);
    changed.set(i, fresh);
    ValidationReport r = cached.validate(with(changed));
    assertFalse(r.valid());
    assertEquals(lines(plain.validate(with(changed))), lines(r));
    assertEquals(n + 1, cache.misses());
    assertEquals(n - 1, cache.hits());
  }
}
