package dev.roster.serve;

import static dev.roster.serve.ServeRig.APPS;
import static dev.roster.serve.ServeRig.SOURCE;
import static dev.roster.serve.ServeRig.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.cli.Main;
import dev.roster.cli.ServeHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roster serve --log-format json|text --log-level}: through {@code Main.run} against the
 * embedded cluster and a Git repository over HTTP; and the build and last-success metrics scraped
 * over HTTP from the same serve.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeLoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private ServeRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  private record Run(int code, String out, String err, String metrics) {}

  /** Serves until the seeded commit is applied, scrapes /metrics, then stops. */
  private Run serve(String... extra) throws Exception {
    String c1 = rig.seed("a", "b");
    Path kubeconfig = rig.cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicReference<String> metrics = new AtomicReference<>();
    List<String> args = new ArrayList<>(List.of("serve", "--repo", rig.url(), "--ref", "main",
        "--source-name", SOURCE, "--kubeconfig", kubeconfig.toString(),
        "--inventory-namespace", SYSTEM, "-n", APPS, "--listen", "127.0.0.1:0",
        "--metrics-listen", "127.0.0.1:0", "--interval", "1h",
        "--cache-dir", tmp.resolve("cli-cache").toString()));
    args.addAll(List.of(extra));
    int code = ServeHarness.run(new PrintWriter(out, true), new PrintWriter(err, true),
        supervisor -> {
          rig.awaitApplied(c1);
          metrics.set(Waits.until("the pass in the metrics", () -> rig.metrics(supervisor),
              m -> m.contains("roster_last_success_timestamp_seconds{")));
        }, args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString(), metrics.get());
  }

  @Test
  void jsonWritesOneObjectPerLineWithTheSourceRevisionAndTrigger() throws Exception {
    Instant before = Instant.now();
    Run r = serve("--log-format", "json");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertFalse(lines.isEmpty(), "no log lines");
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      JsonNode e = JSON.readTree(line); // throws on a line that is not JSON
      assertTrue(e.isObject(), line);
      for (String field : List.of("time", "level", "source", "revision", "trigger", "message")) {
        assertTrue(e.has(field), field + " missing: " + line);
      }
      Instant.parse(e.get("time").asText());
      assertTrue(Set.of("error", "warn", "info", "debug", "trace")
          .contains(e.get("level").asText()), line);
      events.add(e);
    }
    String head = rig.status().orElseThrow().lastAppliedRevision();
    JsonNode pass = events.stream()
        .filter(e -> head.equals(e.get("revision").asText(null))).findFirst()
        .orElseThrow(() -> new AssertionError("no line for the pass of " + head + ":\n" + r.err()));
    assertEquals(SOURCE, pass.get("source").asText());
    assertEquals("start", pass.get("trigger").asText());
    assertEquals("info", pass.get("level").asText());
    assertTrue(pass.get("message").asText().startsWith("succeeded " + head), pass.toString());
    assertTrue(events.stream().anyMatch(e -> e.get("source").isNull()), "serve-wide lines");

    double last = ServeRig.sample(r.metrics(),
        "roster_last_success_timestamp_seconds{source=\"" + SOURCE + "\"}");
    assertTrue(last >= before.getEpochSecond() && last <= Instant.now().getEpochSecond() + 1,
        "last success " + last + " is not the pass's time");
    String version = System.getProperty("roster.projectVersion");
    assertTrue(r.metrics().lines().anyMatch(l -> l.startsWith("roster_build_info{")
        && l.contains("version=\"" + version + "\"") && l.contains("commit=\"")
        && l.endsWith(" 1.0")), r.metrics());
  }

  @Test
  void textIsTheDefaultAndLogLevelWarnDropsInfoLines() throws Exception {
    Run text = serve();
    assertEquals(0, text.code(), text.err());
    String head = rig.status().orElseThrow().lastAppliedRevision();
    assertTrue(text.err().lines().anyMatch(l -> l.matches("\\S+ info " + SOURCE + " succeeded "
        + head.replace(".", "\\.") + " trigger=start .*")), text.err());

    rig.close();
    rig = new ServeRig(tmp.resolve("again"));
    Run quiet = serve("--log-level", "warn");
    assertEquals(0, quiet.code(), quiet.err());
    assertFalse(quiet.err().lines().anyMatch(l -> l.contains(" info ")), quiet.err());
    assertTrue(quiet.metrics().contains("roster_last_success_timestamp_seconds{"));
  }

  @Test
  void aBadLogLevelOrFormatIsAUsageError() {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        "serve", "--embedded-cluster", "--repo", ".", "--log-level", "loud");
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("invalid log level 'loud'"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err2, true),
        "serve", "--embedded-cluster", "--repo", ".", "--log-format", "xml"), err2.toString());
  }
}
