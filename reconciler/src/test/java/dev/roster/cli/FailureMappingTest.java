package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.failure.Reason;
import dev.roster.failure.RosterException;
import dev.roster.serve.StatusReasons;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every failure reason of every stage has an exit code and a status reason, and those are the
 * ones users already see (README's exit codes, status condition reasons). A new reason fails this
 * test until it is added to the table below.
 */
class FailureMappingTest {
  /** Reason text (stage-qualified) to exit code, retryable, status condition reason. */
  private record Expected(int exit, boolean retryable, String status) {}

  private static final Map<String, Expected> TABLE = new TreeMap<>(Map.ofEntries(
      e("source InvalidUrl", 2, false, "SourceFetchFailed"),
      e("source InvalidPath", 2, false, "SourceFetchFailed"),
      e("source RefNotFound", 2, true, "SourceFetchFailed"),
      e("source PathNotFound", 2, false, "SourceFetchFailed"),
      e("source RootNotFound", 2, true, "SourceFetchFailed"),
      e("source HostKeyUnknown", 6, true, "SourceFetchFailed"),
      e("source AuthenticationFailed", 6, true, "SourceFetchFailed"),
      e("source CredentialsUnreadable", 6, true, "SourceFetchFailed"),
      e("source RepoNotFound", 6, true, "SourceFetchFailed"),
      e("source DumbHttpUnsupported", 6, false, "SourceFetchFailed"),
      e("source MirrorMissing", 6, true, "SourceFetchFailed"),
      e("source SourceUnreachable", 6, true, "SourceFetchFailed"),
      e("source MirrorUnreadable", 6, true, "SourceFetchFailed"),
      e("source RepoUnreadable", 6, true, "SourceFetchFailed"),
      e("source RootUnreadable", 6, true, "SourceFetchFailed"),
      e("source GitFailed", 6, true, "SourceFetchFailed"),
      e("load TreeUnreadable", 6, true, "SourceFetchFailed"),
      e("validation ValidationFailed", 3, false, "ValidationFailed"),
      e("validation SchemaDirNotFound", 2, false, "ReconcileFailed"),
      e("validation SchemaDirUnreadable", 3, false, "ReconcileFailed"),
      e("validation SchemasMissing", 3, false, "ReconcileFailed"),
      e("validation SchemasUnreadable", 3, false, "ReconcileFailed"),
      e("validation InvalidSchema", 3, false, "ReconcileFailed"),
      e("validation InvalidProfile", 3, false, "ReconcileFailed"),
      e("cluster ClusterUnreachable", 6, true, "ClusterUnreachable"),
      e("cluster Timeout", 6, true, "ClusterUnreachable"),
      e("cluster TlsFailed", 6, false, "ClusterUnreachable"),
      e("cluster Unauthorized", 6, false, "ApplyFailed"),
      e("cluster Forbidden", 6, false, "Forbidden"),
      e("cluster NotFound", 6, false, "ApplyFailed"),
      e("cluster Conflict", 6, true, "ApplyFailed"),
      e("cluster Invalid", 6, false, "ApplyFailed"),
      e("cluster TooManyRequests", 6, true, "ApplyFailed"),
      e("cluster ServerError", 6, true, "ApplyFailed"),
      e("cluster KubeconfigInvalid", 2, false, "ApplyFailed"),
      e("cluster InventoryCorrupt", 5, false, "ApplyFailed"),
      e("cluster ApplyLocked", 5, true, "ApplyFailed"),
      e("apply PruneRefused", 5, false, "PruneRefused"),
      e("apply Interrupted", 5, true, "ApplyFailed"),
      e("apply DuplicateObject", 5, false, "ApplyFailed"),
      e("apply PlanMoved", 5, false, "ApplyFailed"),
      e("serve config ConfigUnreadable", 3, false, "ReconcileFailed"),
      e("serve config ConfigInvalid", 3, false, "ReconcileFailed"),
      e("serve config SecretUnreadable", 3, false, "ReconcileFailed"),
      e("serve config SecretNotFound", 3, false, "ReconcileFailed")));

  private static Map.Entry<String, Expected> e(String reason, int exit, boolean retryable,
      String status) {
    return Map.entry(reason, new Expected(exit, retryable, status));
  }

  @Test
  void everyReasonOfEveryStageMapsToTheDocumentedExitCodeAndStatusReason() throws Exception {
    List<Reason> all = allReasons();
    Set<String> seen = new HashSet<>();
    for (Reason r : all) {
      String key = r.stage() + " " + r.text();
      assertTrue(seen.add(key), "reason spelled twice: " + key);
      Expected want = TABLE.get(key);
      assertTrue(want != null, "no expected exit code and status reason for " + key
          + " (" + r.getClass().getName() + "." + r.name() + "); add it to the table");
      assertEquals(want.exit(), Failures.exitCode(r), key + " exit code");
      assertEquals(want.retryable(), r.retryable(), key + " retryable");
      assertEquals(want.status(), StatusReasons.of(r), key + " status reason");
    }
    assertEquals(TABLE.keySet(), seen, "the table lists reasons that no longer exist");
  }

  @Test
  void reasonTextIsTheConstantInPascalCase() throws Exception {
    for (Reason r : allReasons()) {
      assertTrue(r.text().matches("[A-Z][A-Za-z]+"), r.text());
      assertEquals(r.name(), r.text().replaceAll("([a-z])([A-Z])", "$1_$2")
          .toUpperCase(java.util.Locale.ROOT), r.text());
    }
  }

  @Test
  void aFailurePrintsStageReasonAndMessageAndReturnsItsExitCode() throws Exception {
    Reason refused = allReasons().stream().filter(r -> r.text().equals("PruneRefused"))
        .findFirst().orElseThrow();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Failures.report(new RosterException(refused, "refusing to prune all 3 objects"),
        new java.io.PrintWriter(err, true));
    assertEquals(ExitCode.APPLY_FAILED, code);
    assertEquals("roster: apply PruneRefused: refusing to prune all 3 objects", err.toString()
        .strip());
    assertFalse(err.toString().contains("\tat "), "no stack trace for a stage failure");
  }

  /** Every enum in the main classes that implements {@link Reason}, found on disk. */
  private static List<Reason> allReasons() throws IOException, URISyntaxException {
    Path classes = Path.of(Reason.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<Reason> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(p).toString().replace('/', '.').replace('\\', '.')
            .replaceAll("\\.class$", "");
        Class<?> c;
        try {
          c = Class.forName(name, false, Reason.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (c.isEnum() && Reason.class.isAssignableFrom(c)) {
          for (Object constant : c.getEnumConstants()) {
            out.add((Reason) constant);
          }
        }
      }
    }
    assertTrue(out.size() >= TABLE.size() / 2, "found too few reasons in " + classes);
    return out;
  }
}
