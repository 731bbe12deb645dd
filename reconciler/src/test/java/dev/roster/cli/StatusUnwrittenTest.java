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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never silent in status: after an apply that left a field where Git and live differ unwritten,
 * {@code roster status} (text and JSON) names the field and why, and does not say live matches.
 */
class StatusUnwrittenTest {
  static final String FIELD = "ConfigMap default/cm /data/x (ignored)";

  @TempDir Path repo;
  @TempDir Path dir;
  EmbeddedCluster cluster;
  Path kubeconfig;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    cluster = EmbeddedCluster.start();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    Files.writeString(repo.resolve("cm.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: default}
        data: {x: "1", y: "1"}
        """);
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  Run run(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.add(1, "--kubeconfig=" + kubeconfig);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), a.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  Run apply(String... extra) {
    List<String> a = new ArrayList<>(List.of("apply", "--repo", repo.toString(),
        "--source-name", "cms", "--ignore-fields", "ConfigMap=/data/x"));
    a.addAll(List.of(extra));
    return run(a.toArray(String[]::new));
  }

  void handEdit(String key, String value) {
    cluster.client().configMaps().inNamespace("default").withName("cm")
        .edit(cm -> new ConfigMapBuilder(cm).addToData(key, value).build());
  }

  @Test
  void statusNamesTheFieldAnApplyLeftAlone() {
    assertEquals(0, apply().code());
    Run clean = run("status", "--source-name", "cms");
    assertFalse(clean.out().contains("not written"), clean.out());

    // Nothing to write but an ignored field differs: status must not stay silent.
    handEdit("x", "by hand");
    Run quiet = apply();
    assertEquals(0, quiet.code(), quiet.err());
    assertTrue(quiet.out().contains("except 1 field not written: " + FIELD), quiet.out());
    Run text = run("status", "--source-name", "cms");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("warning: 1 field not written: " + FIELD), text.out());
    Run json = run("status", "--source-name", "cms", "-o", "json");
    assertTrue(json.out().contains("1 field not written: " + FIELD), json.out());
    assertTrue(json.out().contains("nothing to write for revision"), json.out());
    assertFalse(json.out().contains("live matches revision"), json.out());

    // An apply that writes something else still names the field left alone.
    handEdit("y", "by hand");
    assertEquals(0, apply().code());
    Run after = run("status", "--source-name", "cms");
    assertTrue(after.out().lines().anyMatch(l -> l.startsWith("Ready ")
        && l.contains("applied revision") && l.contains("1 field not written: " + FIELD)),
        after.out());

    // Once Git and live agree again, the warning goes with the next apply.
    handEdit("x", "1");
    assertEquals(0, apply().code());
    Run agreed = run("status", "--source-name", "cms");
    assertFalse(agreed.out().contains("not written"), agreed.out());
  }

  @Test
  void statusNamesTheObjectAnApplyRefusedAndWhy() {
    cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("cm").withNamespace("default").endMetadata()
        .addToData("x", "someone else's").build()).create();
    Run refused = apply();
    assertEquals(ExitCode.APPLY_FAILED, refused.code(), refused.err());
    Run text = run("status", "--source-name", "cms");
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("Ready ")
        && l.contains("1 object(s) failed or were refused: ConfigMap default/cm (refused: exists"
            + " and is not managed by Roster")), text.out());
  }
}
