package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.bench.ValidateProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roster bench validate}: several sizes, each in a fresh JVM, in one table. */
class BenchValidateTest {
  @TempDir Path keep;

  @Test
  void twoSizesRunInFreshJvmsAndEndWithATable() {
    MainTest.Run r = MainTest.roster("bench", "validate", "--documents", "20,40", "--rounds",
        "2", "--keep", keep.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("validate: 20 documents, 0 errors"), r.out());
    assertTrue(r.out().contains("validate: 40 documents, 0 errors"), r.out());
    assertTrue(r.out().contains("fresh JVM [" + ValidateProcess.LAUNCHER_FLAGS + "]"), r.out());
    List<String> rows = r.out().lines().filter(l -> l.matches("\\| [0-9,]+ \\|.*")).toList();
    assertEquals(2, rows.size(), r.out());
    assertTrue(rows.get(1).contains("for x2.00 documents"), rows.get(1));
    assertTrue(Files.isDirectory(keep.resolve("40")), "--keep keeps each size's repo");
  }

  @Test
  void theChildRunsWithTheLaunchersFlags() throws IOException {
    String script = Files.readString(Path.of("src/dist/bin/roster"));
    Matcher m = Pattern.compile("(?m)^ROSTER_JVM_OPTS=\"([^\"]*)\"$").matcher(script);
    assertTrue(m.find(), "bin/roster sets ROSTER_JVM_OPTS");
    assertEquals(m.group(1), ValidateProcess.LAUNCHER_FLAGS);
  }
}
