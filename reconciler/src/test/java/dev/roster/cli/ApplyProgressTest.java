package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply progress lines ({@link ProgressLines}, {@code --progress-interval}) and {@code --quiet}. */
class ApplyProgressTest {
  static final int OBJECTS = 12;

  @TempDir Path repo;
  @TempDir Path dir;
  EmbeddedCluster cluster;
  Path kubeconfig;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    cluster = EmbeddedCluster.start();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    for (int i = 0; i < OBJECTS; i++) {
      Files.writeString(repo.resolve("cm" + i + ".yaml"), """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: cm%d, namespace: default}
          data: {x: "1"}
          """.formatted(i));
    }
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  Run apply(String... extra) {
    List<String> a = new ArrayList<>(List.of("apply", "--kubeconfig=" + kubeconfig, "--repo",
        repo.toString(), "--source-name", "cms"));
    a.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), a.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  static List<String> progress(String err) {
    return err.lines().filter(l -> l.startsWith("apply: ")).toList();
  }

  @Test
  void everyWriteGetsALineWhenTheIntervalIsZero() {
    Run r = apply("--progress-interval", "0s");
    assertEquals(0, r.code(), r.err());
    List<String> lines = progress(r.err());
    assertEquals(OBJECTS, lines.size(), r.err());
    int before = 0; // writes finish concurrently: a line never shows fewer than the one before
    for (String line : lines) {
      assertTrue(line.matches("apply: \\d+/" + OBJECTS + " writes \\(\\d+%\\), \\d+s"), line);
      int done = Integer.parseInt(line.substring("apply: ".length(), line.indexOf('/')));
      assertTrue(done >= before && done >= 1, lines.toString());
      before = done;
    }
    assertTrue(lines.get(OBJECTS - 1).startsWith("apply: " + OBJECTS + "/"), lines.toString());
    assertTrue(lines.get(OBJECTS - 1).contains("(100%)"), lines.toString());
    assertTrue(r.out().contains("+ create v1 ConfigMap default/cm0")
        || r.out().contains("ConfigMap default/cm0"), r.out());
  }

  @Test
  void aShortApplyPrintsNoProgress() {
    Run r = apply("--progress-interval", "1h");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(), progress(r.err()));
  }

  @Test
  void quietPrintsTheSummaryOnlyAndStillNamesWhatItLeftAlone() {
    Run first = apply("--quiet", "--progress-interval", "0s");
    assertEquals(0, first.code(), first.err());
    assertEquals("Apply: " + OBJECTS + " created, 0 updated, 0 pruned, 0 failed."
        + System.lineSeparator(), first.out());
    assertEquals(List.of(), progress(first.err()));

    cluster.client().configMaps().inNamespace("default").withName("cm3")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("x", "by hand").build());
    Run held = apply("--quiet", "--ignore-fields", "ConfigMap=/data/x");
    assertEquals(0, held.code(), held.err());
    List<String> out = held.out().lines().toList();
    assertTrue(out.stream().anyMatch(l -> l.startsWith(
        "not written: ConfigMap default/cm3 /data/x (ignored: no record of Git's last value")),
        held.out());
    assertTrue(out.get(out.size() - 1).startsWith("Apply: "), held.out());
    assertFalse(held.out().contains("cm0"), "no plan: " + held.out());
    assertEquals("by hand", cluster.client().configMaps().inNamespace("default")
        .withName("cm3").get().getData().get("x"));
  }

  @Test
  void linesComeOncePerIntervalAndTheLastCountAlways() {
    AtomicLong now = new AtomicLong();
    StringWriter text = new StringWriter();
    ProgressLines p = new ProgressLines(new PrintWriter(text), false, Duration.ofSeconds(5),
        now::get);
    now.set(Duration.ofSeconds(1).toNanos());
    p.written(1, 4);
    now.set(Duration.ofSeconds(6).toNanos());
    p.written(2, 4);
    now.set(Duration.ofSeconds(7).toNanos());
    p.written(3, 4);
    now.set(Duration.ofSeconds(8).toNanos());
    p.written(4, 4);
    assertEquals(List.of("apply: 2/4 writes (50%), 6s", "apply: 4/4 writes (100%), 8s"),
        text.toString().lines().toList());

    StringWriter tty = new StringWriter();
    now.set(0);
    ProgressLines t = new ProgressLines(new PrintWriter(tty), true, Duration.ofSeconds(5),
        now::get);
    now.set(Duration.ofSeconds(5).toNanos());
    t.written(1, 2);
    t.written(2, 2);
    assertEquals("\rapply: 1/2 writes (50%), 5s\rapply: 2/2 writes (100%), 5s\n",
        tty.toString());

    StringWriter quick = new StringWriter();
    now.set(0);
    ProgressLines q = new ProgressLines(new PrintWriter(quick), false, Duration.ofSeconds(5),
        now::get);
    q.written(1, 1);
    assertEquals("", quick.toString(), "a short apply prints nothing");
  }
}
