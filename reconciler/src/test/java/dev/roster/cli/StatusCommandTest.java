package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.status.ManagedCounts;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusJson;
import dev.roster.status.StatusReducer;
import dev.roster.status.StatusStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StatusCommandTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant NOW = T0.plusSeconds(3600);
  static final String A1 = "main@sha1:" + "a1".repeat(20);
  static final String B2 = "main@sha1:" + "b2".repeat(20);
  static EmbeddedCluster cluster;
  static Path kubeconfig;
  static SourceStatus app;
  static SourceStatus infra;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    cluster = EmbeddedCluster.start();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    StatusStore store = new StatusStore(cluster.client(), "default");
    app = StatusReducer.initial("app", "https://git.example/app.git", "main", T0);
    for (int i = 0; i < 12; i++) {
      Instant at = T0.plusSeconds(60L * i);
      app = StatusReducer.next(app, new ReconcileRecord(A1, i == 11
              ? ReconcileRecord.webhookTrigger("github", "d-11") : ReconcileRecord.POLL,
              at, 1500, new ReconcileRecord.Counts(i, 1, 0, 20, 0),
              i == 0 ? ReconcileRecord.SUCCEEDED : ReconcileRecord.NO_OP,
              "ReconciliationSucceeded", ""), new ManagedCounts(21, 0, 2), at.plusSeconds(2));
    }
    infra = StatusReducer.initial("infra", "/srv/infra", "", T0);
    infra = StatusReducer.next(infra, new ReconcileRecord(A1, "start", T0, 800,
        new ReconcileRecord.Counts(4, 0, 0, 0, 0), ReconcileRecord.SUCCEEDED, "", ""),
        new ManagedCounts(4, 0, 0), T0.plusSeconds(1));
    infra = StatusReducer.next(infra, new ReconcileRecord(B2, "poll", T0.plusSeconds(1800), 300,
        ReconcileRecord.Counts.NONE, ReconcileRecord.FAILED, "ValidationFailed",
        "1 error in 'apps/web.yaml'"), null, T0.plusSeconds(1800));
    store.write(app);
    store.write(infra);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new StatusCommand(Clock.fixed(NOW, ZoneOffset.UTC)));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run status(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--kubeconfig";
    all[1] = kubeconfig.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return run(all);
  }

  @Test
  void textShowsOneRowPerSource() {
    Run r = status();
    assertEquals(ExitCode.OK, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(List.of(
        "SOURCE  READY  REASON                   REVISION" + " ".repeat(A1.length() - 6) + "AGE",
        "app     True   ReconciliationSucceeded  " + A1 + "  48m",
        "infra   False  ValidationFailed         " + A1 + "  29m"), lines);
  }

  @Test
  void textForOneSourceShowsConditionsAndHistory() {
    Run r = status("--source-name", "infra");
    assertEquals(ExitCode.OK, r.code(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("SOURCE  READY  REASON"), out);
    assertTrue(out.contains("\nLast applied:    " + A1 + "\n"), out);
    assertTrue(out.contains("\nLast attempted:  " + B2 + "\n"), out);
    assertTrue(out.contains("\nObjects:         4 managed, 0 failed, 0 orphaned\n"), out);
    String message = "1 error in 'apps/web.yaml'";
    assertTrue(out.contains("\nReady    False   ValidationFailed  30m  " + message + "\n"), out);
    assertTrue(out.contains("\nStalled  True    ValidationFailed  30m  " + message + "\n"), out);
    assertTrue(out.contains("Last 2 reconciles (newest first):"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(
        "29m +poll +failed +300ms +0 +0 +0 +0 +0 +" + B2 + " +ValidationFailed")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(
        "59m +start +succeeded +800ms +4 +0 +0 +0 +0 +" + A1 + " +-")),
        out);
  }

  @Test
  void historyShowsTheLastTenReconcilesAndTheLastWebhook() {
    Run r = status("--source-name", "app");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("Last 10 reconciles (newest first):"), r.out());
    assertTrue(r.out().contains("Last webhook:    github delivery 'd-11': no-op, 48m ago"),
        r.out());
    List<String> rows = r.out().lines().filter(l -> l.contains("1.5s")).toList();
    assertEquals(10, rows.size(), r.out());
    assertTrue(rows.get(0).startsWith("48m  webhook:github/d-11  no-op"), rows.get(0));
  }

  @Test
  void jsonPrintsTheStoredDocuments() {
    Run r = status("-o", "json");
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode docs = JsonMapper.builder().build().readTree(r.out());
    assertEquals(2, docs.size());
    assertEquals("app", docs.get(0).get("source").asString());
    assertEquals("infra", docs.get(1).get("source").asString());
    assertEquals("True", docs.get(1).get("conditions").get(1).get("status").asString());

    Run one = status("--output", "json", "--source-name", "infra");
    assertEquals(ExitCode.OK, one.code(), one.err());
    assertEquals(infra, StatusJson.read(one.out()));
  }

  @Test
  void unknownSourceIsAUsageError() {
    Run r = status("--source-name", "nope");
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("roster: no status for source 'nope' in namespace 'default'; known: app, infra",
        r.err().strip());
    assertEquals("", r.out());
  }

  @Test
  void otherNamespacesAreSeparate() {
    Run r = status("--namespace-of-status", "kube-system");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals("No source status in namespace 'kube-system' (no ConfigMap labelled"
        + " roster.dev/status=true).", r.out().strip());
    assertEquals("[ ]", status("--inventory-namespace", "kube-system", "-o", "json").out().strip());
  }

  @Test
  void unreachableClusterExitsSix(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("gone");
    Files.writeString(config, Files.readString(kubeconfig)
        .replace(cluster.url(), "http://127.0.0.1:" + port));
    Run r = run("--kubeconfig", config.toString());
    assertEquals(ExitCode.UNREACHABLE, r.code(), r.err());
    assertTrue(r.err().startsWith("roster: cluster ClusterUnreachable: "), r.err());
  }

  @Test
  void markdownIsNotAnOutputOfStatus() {
    assertEquals(ExitCode.USAGE, status("-o", "markdown").code());
  }

  @Test
  void listedInRosterHelp() {
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help");
    assertEquals(ExitCode.OK, code);
    assertTrue(out.toString().contains("status"), out.toString());
  }
}
