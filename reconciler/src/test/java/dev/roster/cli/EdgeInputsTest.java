package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs at the edges of what a config repo holds, through {@code roster validate}. */
class EdgeInputsTest {
  @TempDir Path repo;

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

  void write(String rel, String... lines) throws IOException {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n");
  }

  void configMap(String rel, String name) throws IOException {
    write(rel, "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: " + name);
  }

  /** Makes a FIFO with mkfifo(1); false if this OS cannot. */
  static boolean mkfifo(Path p) throws InterruptedException {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
      return proc.waitFor() == 0 && Files.exists(p) && !Files.isRegularFile(p);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void fifoIsSkippedWithAWarningAndNeverOpened() throws Exception {
    configMap("cm.yaml", "cfg");
    Files.createDirectories(repo.resolve("apps"));
    assumeTrue(mkfifo(repo.resolve("apps/pipe.yaml")), "this OS cannot make a FIFO");
    // opening the FIFO for reading would block until a writer came: none ever does
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> roster("validate", repo.toString()));
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("apps/pipe.yaml: warning: not a regular file (a FIFO, socket or device);"
        + " skipped, never opened", "ok: 0 errors, 1 warning (1 object in 1 file)"), r.lines());
  }

  @Test
  void nameOfAnotherTypeSaysWhatWasFound() throws IOException {
    write("n.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: 12345", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: null", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: {a: b}", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: [a]", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: yes", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: ''", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata: cfg", "---",
        "apiVersion: 1", "kind: [ConfigMap]", "metadata:", "  name: ok");
    Run r = roster("validate", repo.toString());
    assertEquals(3, r.code(), r::toString);
    assertEquals(List.of(
        "n.yaml:4:3: ConfigMap/<no name>: /metadata/name: metadata.name must be a string, found"
            + " a number: quote it to keep the text",
        "n.yaml:9:3: ConfigMap/<no name>: /metadata/name: metadata.name must be a string, found"
            + " null",
        "n.yaml:14:3: ConfigMap/<no name>: /metadata/name: metadata.name must be a string, found"
            + " a mapping",
        "n.yaml:19:3: ConfigMap/<no name>: /metadata/name: metadata.name must be a string, found"
            + " a list",
        "n.yaml:24:3: ConfigMap/<no name>: /metadata/name: metadata.name must be a string, found"
            + " a boolean: quote it to keep the text",
        "n.yaml:29:3: ConfigMap/<no name>: /metadata/name: metadata.name must not be empty",
        "n.yaml:33:1: ConfigMap/<no name>: /metadata: metadata must be a mapping, found a string",
        "n.yaml:35:1: <no kind>/ok: /apiVersion: apiVersion must be a string, found a number:"
            + " quote it to keep the text",
        "n.yaml:36:1: <no kind>/ok: /kind: kind must be a string, found a list",
        "invalid: 9 errors, 0 warnings (8 objects in 1 file)"), r.lines());
  }

  @Test
  void listItemsAreLoadedAsObjectsLocatedInsideTheList() throws IOException {
    write("list.yaml", "apiVersion: v1", "kind: List", "metadata: {}", "items:",
        "- apiVersion: v1", "  kind: ConfigMap", "  metadata:", "    name: one",
        "- apiVersion: v1", "  kind: ConfigMap", "  metadata:", "    name: Two",
        "- just text",
        "- apiVersion: v1", "  kind: List", "  items:", "  - apiVersion: v1",
        "    kind: ConfigMap", "    metadata:", "      name: 3");
    Run r = roster("validate", repo.toString());
    assertEquals(3, r.code(), r::toString);
    assertEquals(List.of(
        "list.yaml:12:5: ConfigMap/Two: /metadata/name: invalid name \"Two\": must be a DNS-1123"
            + " subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "list.yaml:13:3: List: /items/2: List item is not a mapping: a Kubernetes object with"
            + " apiVersion and kind was expected",
        "list.yaml:20:7: ConfigMap/<no name>: /metadata/name: metadata.name must be a string,"
            + " found a number: quote it to keep the text",
        "invalid: 3 errors, 0 warnings (3 objects in 1 file)"), r.lines());
  }

  @Test
  void listWithoutItemsIsAnError() throws IOException {
    write("list.yaml", "apiVersion: v1", "kind: List", "items: {}");
    Run r = roster("validate", repo.toString());
    assertEquals(3, r.code(), r::toString);
    assertEquals(List.of("list.yaml:3:1: List: /items: a v1 List needs items: a list of"
        + " Kubernetes objects, each with apiVersion and kind",
        "invalid: 1 error, 0 warnings (0 objects in 1 file)"), r.lines());
  }

  @Test
  void jsonManifestsAreLoadedAndLocated() throws IOException {
    write("cm.json", "{", "\t\"apiVersion\": \"v1\",", "\t\"kind\": \"ConfigMap\",",
        "\t\"metadata\": {\"name\": \"from-json\"},", "\t\"data\": {\"on\": \"yes\"}", "}");
    write("list.json", "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ok\"}},",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":12}}]}");
    write("broken.json", "{\"apiVersion\": \"v1\",", "  \"kind\": \"ConfigMap\"", "  \"x\": 1}");
    Run r = roster("validate", "-o", "json", repo.toString());
    assertEquals(3, r.code(), r::toString);
    Run text = roster("validate", repo.toString());
    assertEquals(List.of(
        "broken.json:3:3: invalid JSON (read as YAML): expected ',' or '}', but got <scalar>",
        "list.json:3:51: ConfigMap/<no name>: /metadata/name: metadata.name must be a string,"
            + " found a number: quote it to keep the text",
        "invalid: 2 errors, 0 warnings (3 objects in 3 files)"), text.lines());
    Files.delete(repo.resolve("broken.json"));
    Files.writeString(repo.resolve("list.json"), Files.readString(repo.resolve("list.json"))
        .replace("\"name\":12", "\"name\":\"twelve\""));
    Run ok = roster("validate", repo.toString());
    assertEquals(List.of("ok: 3 objects in 2 files valid"), ok.lines());
  }

  @Test
  void defaultNamespaceTwinIsADuplicate() throws IOException {
    configMap("a.yaml", "cfg");
    write("b.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: cfg",
        "  namespace: default");
    Run r = roster("validate", repo.toString());
    assertEquals(3, r.code(), r::toString);
    assertEquals(List.of("b.yaml:4:3: ConfigMap/cfg: /metadata/name: defined twice: also at"
        + " a.yaml:1:1 (an object without metadata.namespace goes to the default namespace"
        + " \"default\")", "invalid: 1 error, 0 warnings (2 objects in 2 files)"), r.lines());
    // with another default namespace they are two objects, as apply -n team would make them
    Run team = roster("validate", "-n", "team", repo.toString());
    assertEquals(0, team.code(), team::toString);
  }
}
