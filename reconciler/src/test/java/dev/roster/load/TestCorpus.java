package dev.roster.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Real repos for differential tests: test resources and example-repo, copied as often as asked. */
public final class TestCorpus {
  private TestCorpus() {}

  /**
   * Writes {@code copies} copies of the test resource directory {@code resource} (e.g. {@code
   * /fixtures}) and of example-repo under {@code root}, as {@code fixtures-N/} and {@code
   * example-N/}; the same objects in every copy, so duplicates are reported too.
   */
  public static void copies(Path root, String resource, int copies) {
    try {
      Path fixtures = Path.of(TestCorpus.class.getResource(resource).toURI());
      Path example = Path.of("..", "example-repo").toAbsolutePath().normalize();
      for (int copy = 0; copy < copies; copy++) {
        copyTree(fixtures, root.resolve("fixtures-" + copy));
        copyTree(example, root.resolve("example-" + copy));
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
