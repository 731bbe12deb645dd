package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files: size limit, encoding, and a whole tree with problems in some files. */
class ManifestLoaderTest {
  @TempDir Path root;

  private final ManifestLoader loader = new ManifestLoader(LoadOptions.defaults());

  private static List<String> formats(List<Problem> problems) {
    return problems.stream().map(Problem::format).toList();
  }

  private Path write(String rel, String text) throws IOException {
    return write(rel, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String rel, byte[] bytes) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  @Test
  void refusesAFileOverTheSizeLimitBeforeParsingIt() throws IOException {
    // a billion laughs that would be reported if it were parsed
    String body = "a: &a [x, x]\nb: [*a, *a, *a]\nb: dup\n";
    write("big.yaml", body);
    int size = body.getBytes(StandardCharsets.UTF_8).length;
    LoadResult r = new ManifestLoader(LoadOptions.defaults().withMaxFileBytes(size - 1)).load(root);
    assertEquals(List.of("big.yaml: file is " + size + " bytes, over the limit of " + (size - 1)
        + " (--max-file-size); not parsed"), formats(r.problems()));
    assertEquals(List.of(), r.manifests());
    assertEquals(1, r.files());
    assertFalse(r.complete());
  }

  @Test
  void acceptsAFileOfExactlyTheLimit() throws IOException {
    write("ok.yaml", "kind: A\n");
    LoadResult r = new ManifestLoader(LoadOptions.defaults().withMaxFileBytes(8)).load(root);
    assertEquals(List.of(), r.problems());
    assertEquals(1, r.manifests().size());
  }

  @Test
  void refusesOversizedBytesToo() {
    LoadOptions tiny = LoadOptions.defaults().withMaxFileBytes(4);
    YamlParser.Parsed p = new ManifestLoader(tiny).parseBytes("x.yaml", new byte[5]);
    assertEquals(List.of("x.yaml: file is 5 bytes, over the limit of 4 (--max-file-size); not"
        + " parsed"), formats(p.problems()));
  }

  @Test
  void reportsInvalidUtf8WithLineAndColumn() {
    byte[] bytes = "a: 1\nb: x\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    YamlParser.Parsed p = loader.parseBytes("bad.yaml", bytes);
    assertEquals(List.of("bad.yaml:2:5: invalid UTF-8 (byte 0xFF at offset 9)"),
        formats(p.problems()));
    assertEquals(List.of(), p.manifests());
  }

  @Test
  void countsColumnsInCharactersNotBytes() {
    byte[] text = "a: ééé".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 2];
    System.arraycopy(text, 0, bytes, 0, text.length);
    bytes[text.length] = (byte) 0xC0; // overlong encoding of '/'
    bytes[text.length + 1] = (byte) 0xAF;
    assertEquals(List.of("bad.yaml:1:7: invalid UTF-8 (byte 0xC0 at offset 9)"),
        formats(loader.parseBytes("bad.yaml", bytes).problems()));
  }

  @Test
  void acceptsAUtf8ByteOrderMark() {
    byte[] bytes = "\uFEFFkind: A\nname: é\n".getBytes(StandardCharsets.UTF_8);
    YamlParser.Parsed p = loader.parseBytes("bom.yaml", bytes);
    assertEquals(List.of(), p.problems());
    assertEquals(Map.of("kind", "A", "name", "é"), p.manifests().get(0).object());
    assertEquals(new Origin("bom.yaml", 0, 1, 1), p.manifests().get(0).origin());
  }

  @Test
  void doesNotCountTheByteOrderMarkAsAColumn() {
    byte[] bytes = "\uFEFFa: ?\n".getBytes(StandardCharsets.UTF_8);
    bytes[6] = (byte) 0xFF; // "a: " then the bad byte, the fourth character of line 1
    assertEquals(List.of("bom.yaml:1:4: invalid UTF-8 (byte 0xFF at offset 6)"),
        formats(loader.parseBytes("bom.yaml", bytes).problems()));
  }

  @Test
  void loadsEveryFileAndReportsEveryBadOne() throws IOException {
    write("a.yaml", "kind: A\n---\nkind: B\n");
    write("b.yaml", "x: 1\nx: 2\n");
    write("team/c.yml", "kind: C\n");
    write("team/d.yaml", new byte[] {'k', ':', ' ', (byte) 0xFE, '\n'});
    write("team/e.yaml", "kind: [\n");
    LoadResult r = loader.load(root);
    assertEquals(List.of(
        "b.yaml:2:1: /x: duplicate key \"x\" (first at line 1)",
        "team/d.yaml:1:4: invalid UTF-8 (byte 0xFE at offset 3)",
        "team/e.yaml:2:1: invalid YAML: expected the node content, but found '<stream end>'"),
        formats(r.problems()));
    assertEquals(5, r.files());
    assertEquals(List.of("a.yaml:1:1", "a.yaml:3:1", "team/c.yml:1:1"),
        r.manifests().stream().map(m -> m.origin().toString()).toList());
    assertEquals(List.of(0, 1, 0), r.manifests().stream().map(m -> m.origin().document()).toList());
    assertFalse(r.complete());
  }

  @Test
  void isCompleteWhenEveryFileParses() throws IOException {
    write("a.yaml", "kind: A\n");
    LoadResult r = loader.load(root);
    assertTrue(r.complete());
    assertEquals(1, r.files());
  }

  @Test
  void failsOnlyForAMissingRoot() {
    SourceException e = assertThrows(SourceException.class, () -> loader.load(root.resolve("nope")));
    assertEquals("RootNotFound", e.reason().text());
    assertTrue(e.retryable(), "mends with no new commit: serve retries it");
    assertEquals("'" + root.resolve("nope") + "' is not a directory", e.getMessage());
  }

  @Test
  void failsForARootThatIsAFile() throws IOException {
    Path file = write("file.yaml", "kind: A\n");
    SourceException e = assertThrows(SourceException.class, () -> loader.load(file));
    assertEquals("RootNotFound", e.reason().text());
  }
}
