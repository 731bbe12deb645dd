package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code roster} end to end through {@link Main#run}: output, formats and exit codes. */
class MainTest {
  @TempDir Path repo;
  @TempDir Path schemas;

  /** Exit code, standard output and standard error of one run. */
  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  Path write(Path base, String rel, String... lines) throws IOException {
    Path p = base.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, String.join("\n", lines) + "\n");
  }

  void cleanRepo() throws IOException {
    write(repo, "ns.yaml", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: team");
    write(repo, "team/cm.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: cfg",
        "  namespace: team", "data:", "  model: claude");
  }

  void badRepo() throws IOException {
    cleanRepo();
    write(repo, "team/bad.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:",
        "  name: Bad_Name", "  namespace: team", "status: {}", "---", "apiVersion: v1",
        "kind: Secret", "metadata:", "  name: creds", "  namespace: team", "stringData:",
        "  token: sk-very-secret-123");
  }

  static final List<String> BAD_LINES = List.of(
      "team/bad.yaml:4:3: ConfigMap/Bad_Name: /metadata/name: invalid name \"Bad_Name\": must be"
          + " a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253"
          + " characters)",
      "team/bad.yaml:6:1: warning: ConfigMap/Bad_Name: /status: status is written by the cluster"
          + " and ignored on apply: remove it from the repo",
      "team/bad.yaml:13:1: Secret/creds: /stringData: secret values must never be committed:"
          + " keep the Secret outside Git (kubectl create secret, External Secrets, Sealed"
          + " Secrets) and reference it by name",
      "invalid: 2 errors, 1 warning (4 objects in 3 files)");

  @Test
  void helpListsEveryExitCode() {
    Run r = roster("--help");
    assertEquals(0, r.code());
    assertEquals("", r.err());
    String exitCodes = r.out().substring(r.out().indexOf("Exit codes:"));
    List<String> expected = List.of("Exit codes:", "  0   ok", "  1   internal error",
        "  2   usage error (bad flag or argument)", "  3   invalid input (the config repo has"
            + " errors)", "  4   changes pending (plan with --detailed-exit-code)",
        "  5   apply or prune failed or refused", "  6   source or cluster unreachable, or it refused the request");
    assertEquals(expected, exitCodes.lines().limit(8).toList());
    assertTrue(r.out().startsWith("Usage: roster "), r.out());
    assertTrue(r.out().contains("  validate  "), r.out());
    assertTrue(r.out().contains("  kinds     "), r.out());
  }

  @Test
  void printsUsageWithoutACommand() {
    Run r = roster();
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("Usage: roster "), r.out());
  }

  @Test
  void printsTheVersion() {
    Run r = roster("--version");
    assertEquals(0, r.code());
    assertEquals(roster("version").out(), r.out(), "--version and version print the same");
  }

  @Test
  void validatesACleanRepo() throws IOException {
    cleanRepo();
    Run r = roster("validate", repo.toString());
    assertEquals(List.of("ok: 2 objects in 2 files valid"), r.lines());
    assertEquals(0, r.code());
    assertEquals("", r.err());
  }

  @Test
  void reportsEveryProblemOfABadRepoRelativeToDir() throws IOException {
    badRepo();
    Run r = roster("validate", repo.toString());
    assertEquals(BAD_LINES, r.lines());
    assertEquals(3, r.code());
    assertEquals("", r.err());
    assertFalse(r.out().contains("sk-very-secret-123"));
  }

  @Test
  void exitsZeroWithOnlyWarnings() throws IOException {
    write(repo, "cm.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: cfg",
        "status: {}");
    Run r = roster("validate", repo.toString());
    assertEquals(0, r.code());
    assertEquals("ok: 0 errors, 1 warning (1 object in 1 file)", r.lines().get(1));
  }

  @Test
  void writesTheSameProblemsAsJson() throws IOException {
    badRepo();
    Run r = roster("validate", "--output", "json", repo.toString());
    assertEquals(3, r.code());
    assertFalse(r.out().contains("sk-very-secret-123"));
    JsonNode doc = JsonMapper.builder().build().readTree(r.out());
    assertFalse(doc.get("valid").booleanValue());
    assertEquals(3, doc.get("files").intValue());
    assertEquals(4, doc.get("objects").intValue());
    assertEquals(2, doc.get("errors").intValue());
    assertEquals(1, doc.get("warnings").intValue());
    JsonNode first = doc.get("problems").get(0);
    assertEquals(List.of("file", "line", "column", "severity", "object", "pointer", "message"),
        new ArrayList<>(first.propertyNames()));
    assertEquals("team/bad.yaml", first.get("file").stringValue());
    assertEquals(4, first.get("line").intValue());
    assertEquals(3, first.get("column").intValue());
    assertEquals("error", first.get("severity").stringValue());
    assertEquals("ConfigMap/Bad_Name", first.get("object").stringValue());
    assertEquals("/metadata/name", first.get("pointer").stringValue());
    assertEquals("warning", doc.get("problems").get(1).get("severity").stringValue());
    List<String> rebuilt = new ArrayList<>();
    for (JsonNode p : doc.get("problems")) {
      rebuilt.add(p.get("file").stringValue() + ":" + p.get("line").intValue() + ":"
          + p.get("column").intValue() + ": "
          + ("warning".equals(p.get("severity").stringValue()) ? "warning: " : "")
          + p.get("object").stringValue() + ": " + p.get("pointer").stringValue() + ": "
          + p.get("message").stringValue());
    }
    assertEquals(BAD_LINES.subList(0, 3), rebuilt);
  }

  @Test
  void writesValidJsonForACleanRepo() throws IOException {
    cleanRepo();
    Run r = roster("validate", "-o", "json", repo.toString());
    assertEquals(0, r.code());
    JsonNode doc = JsonMapper.builder().build().readTree(r.out());
    assertTrue(doc.get("valid").booleanValue());
    assertEquals(0, doc.get("problems").size());
  }

  @Test
  void treatsAMissingDirAsAUsageError() {
    Path missing = repo.resolve("nope");
    Run r = roster("validate", missing.toString());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals("roster: source RootNotFound: '" + missing + "' is not a directory",
        r.err().strip());
  }

  @Test
  void rejectsABadMaxFileSize() throws IOException {
    cleanRepo();
    for (String bad : List.of("abc", "0", "-5", "1.5Mi", "17592186044417Mi")) {
      Run r = roster("validate", "--max-file-size", bad, repo.toString());
      assertEquals(2, r.code(), bad);
      assertEquals("", r.out(), bad);
      assertTrue(r.err().startsWith("roster: Invalid value for option '--max-file-size': invalid size '"
          + bad + "': use bytes, or Ki or Mi"), r.err());
    }
  }

  @Test
  void refusesFilesOverMaxFileSize() throws IOException {
    cleanRepo();
    long size = Files.size(repo.resolve("team/cm.yaml"));
    Run r = roster("validate", "--max-file-size", "60", repo.toString());
    assertEquals(3, r.code());
    assertEquals(List.of("team/cm.yaml: file is " + size + " bytes, over the limit of 60"
        + " (--max-file-size); not parsed", "invalid: 1 error, 0 warnings (1 object in 2 files)"),
        r.lines());
    assertEquals(0, roster("validate", "--max-file-size", "1Ki", repo.toString()).code());
  }

  @Test
  void addsKindsWithSchemaDir() throws IOException {
    write(schemas, "example.dev/v1/Widget.json", "{",
        "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",",
        "  \"$id\": \"https://roster.dev/schema/example.dev/v1/Widget.json\",",
        "  \"type\": \"object\",",
        "  \"properties\": {\"metadata\": {\"$ref\": \"../../common/objectmeta.json\"},",
        "    \"size\": {\"type\": \"integer\"}}",
        "}");
    write(schemas, "example.dev/v1/Widget.profile.yaml", "scope: Cluster");
    write(repo, "w.yaml", "apiVersion: example.dev/v1", "kind: Widget", "metadata:",
        "  name: w", "size: 3");
    Run without = roster("validate", repo.toString());
    assertEquals(3, without.code());
    assertEquals("w.yaml:1:1: Widget/w: /apiVersion: unknown kind example.dev/v1/Widget: Roster"
        + " has no schema for it (add one with --schema-dir, or pass --allow-unknown-kinds)",
        without.lines().get(0));
    assertEquals(0, roster("validate", "--allow-unknown-kinds", repo.toString()).code());
    Run with = roster("validate", "--schema-dir", schemas.toString(), repo.toString());
    assertEquals(new Run(0, "ok: 1 object in 1 file valid" + System.lineSeparator(), ""), with);

    write(repo, "w.yaml", "apiVersion: example.dev/v1", "kind: Widget", "metadata:",
        "  name: w", "size: big");
    assertEquals(List.of("w.yaml:5:1: Widget/w: /size: string found, integer expected",
        "invalid: 1 error, 0 warnings (1 object in 1 file)"),
        roster("validate", "--schema-dir", schemas.toString(), repo.toString()).lines());

    Run kinds = roster("kinds", "--schema-dir", schemas.toString());
    assertTrue(kinds.lines().contains(String.format("%-45s %-10s %d references",
        "example.dev/v1/Widget", "cluster", 0)), kinds.out());
  }

  @Test
  void treatsAMissingSchemaDirAsAUsageError() throws IOException {
    cleanRepo();
    Path missing = schemas.resolve("nope");
    Run r = roster("validate", "--schema-dir", missing.toString(), repo.toString());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals("roster: validation SchemaDirNotFound: schema directory '" + missing
        + "' does not exist", r.err().strip());
  }

  @Test
  void refusesAnOutputFormatValidateDoesNotOffer() throws IOException {
    cleanRepo();
    for (String format : List.of("markdown")) {
      Run r = roster("validate", "-o", format, repo.toString());
      assertEquals(2, r.code(), format);
      assertEquals("", r.out(), format);
    }
    assertEquals("roster: Invalid value for option '--output': validate writes text, json, yaml, github or sarif, not"
        + " markdown", roster("validate", "-o", "markdown", repo.toString()).err().lines()
        .findFirst().orElse(""));
  }

  @Test
  void rejectsAnUnknownCommandOrFlag() {
    assertEquals(2, roster("frobnicate").code());
    assertEquals(2, roster("validate", "--frobnicate").code());
  }

  @Test
  void listsKnownKinds() {
    Run r = roster("kinds");
    assertEquals(0, r.code());
    assertEquals("", r.err());
    assertTrue(r.lines().contains(String.format("%-45s %-10s %d references", "v1/ConfigMap",
        "namespaced", 0)), r.out());
    assertTrue(r.lines().contains(String.format("%-45s %-10s %d references", "v1/Namespace",
        "cluster", 0)), r.out());
    List<String> names = r.lines().stream().map(l -> l.substring(0, 45).strip()).toList();
    assertEquals(names.stream().sorted().toList(), names);
  }
}
