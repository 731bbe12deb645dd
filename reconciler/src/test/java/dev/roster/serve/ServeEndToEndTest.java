package dev.roster.serve;

import static dev.roster.serve.ServeRig.APPS;
import static dev.roster.serve.ServeRig.NEVER;
import static dev.roster.serve.ServeRig.SECRET;
import static dev.roster.serve.ServeRig.SOURCE;
import static dev.roster.serve.ServeRig.SYSTEM;
import static dev.roster.serve.ServeRig.WRONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.apply.ApplyOptions;
import dev.roster.cli.Main;
import dev.roster.cli.ServeHarness;
import dev.roster.plan.Ownership;
import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Condition;
import dev.roster.status.Conditions;
import dev.roster.status.ReconcileRecord;
import dev.roster.status.SourceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code roster serve} end to end: a Git repository over smart HTTP, the embedded cluster, a
 * supervisor built directly (and once through {@code Main.run(..., "serve", ...)}), its real HTTP
 * listener, and the status, metrics and live objects it leaves behind.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeEndToEndTest {
  static final List<String> NAMES = List.of("a", "b", "c", "d");

  @TempDir Path tmp;
  ServeRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  Supervisor serve(Duration interval) {
    return rig.serve(ServeRig.settings(rig.source(interval)), new Metrics());
  }

  static Map<String, String> values(String a, String b, String c, String d) {
    Map<String, String> m = new java.util.TreeMap<>();
    m.put("a", a);
    m.put("b", b);
    m.put("c", c);
    m.put("d", d);
    m.values().removeIf(v -> v == null);
    return m;
  }

  @Test
  void startAppliesEveryObjectAndReportsReadyHealthAndMetrics() throws Exception {
    String c1 = rig.seed(NAMES.toArray(String[]::new));
    Supervisor s = serve(NEVER);
    SourceStatus status = rig.awaitApplied(c1);

    assertEquals(values("v1", "v1", "v1", "v1"), rig.live());
    for (String n : NAMES) {
      ConfigMap cm = rig.cluster.client().configMaps().inNamespace(APPS).withName(n).get();
      assertEquals(SOURCE, cm.getMetadata().getLabels().get(Ownership.SOURCE));
    }
    assertNotNull(rig.cluster.client().namespaces().withName(APPS).get());

    Condition ready = status.condition(Conditions.READY).orElseThrow();
    assertEquals(Conditions.TRUE, ready.status());
    assertEquals(Conditions.RECONCILIATION_SUCCEEDED, ready.reason());
    assertEquals("main@sha1:" + c1, status.lastAppliedRevision());
    assertEquals(status.lastAppliedRevision(), status.lastAttemptedRevision());
    assertTrue(status.condition(Conditions.STALLED).isEmpty());
    assertEquals(1, status.history().size());
    ReconcileRecord first = status.history().get(0);
    assertEquals(ReconcileRecord.START, first.trigger());
    assertEquals(ReconcileRecord.SUCCEEDED, first.result());
    assertEquals(5, first.counts().created(), first.toString());

    assertEquals(200, rig.get(s, "/healthz").status());
    ServeRig.Answer ready200 = rig.get(s, "/readyz");
    assertEquals(200, ready200.status(), ready200.body());
    assertTrue(s.leading());

    String m = rig.metrics(s);
    assertEquals(1, ServeRig.sample(m, "roster_reconciles_total{result=\"succeeded\",source=\""
        + SOURCE + "\",trigger=\"start\"}"), m);
    assertTrue(ServeRig.sample(m,
        "roster_git_requests_total{result=\"ok\",type=\"ls-remote\"}") >= 1, m);
    assertTrue(ServeRig.sample(m,
        "roster_git_requests_total{result=\"ok\",type=\"fetch\"}") >= 1, "no fetch counted: " + m);
    assertEquals(1, ServeRig.sample(m, "roster_source_ready{source=\"" + SOURCE + "\"}"), m);
    assertEquals(0, ServeRig.sum(m, "roster_webhook_deliveries_total", ""), m);
  }

  @Test
  void aPolledCommitIsAppliedWithoutAWebhook() throws Exception {
    String c1 = rig.seed(NAMES.toArray(String[]::new));
    Supervisor s = serve(NEVER);
    rig.awaitApplied(c1);

    rig.repo.write("apps/b.yaml", ConfigRepo.configMap("b", "v2")).delete("apps/c.yaml");
    String c2 = rig.repo.commit("change b, drop c");
    s.poller(SOURCE).tick();
    SourceStatus status = rig.awaitApplied(c2);

    assertEquals(values("v1", "v2", null, "v1"), rig.live());
    ReconcileRecord last = status.history().get(0);
    assertEquals(ReconcileRecord.POLL, last.trigger());
    assertEquals(1, last.counts().updated(), last.toString());
    assertEquals(1, last.counts().pruned(), last.toString());
    assertNull(status.lastHandledWebhook());
    String m = rig.metrics(s);
    assertEquals(1, ServeRig.sample(m, "roster_reconciles_total{result=\"succeeded\",source=\""
        + SOURCE + "\",trigger=\"poll\"}"), m);
    assertEquals(0, ServeRig.sum(m, "roster_webhook_deliveries_total", ""), m);

    // A tick that sees no new commit asks for nothing.
    assertTrue(s.worker(SOURCE).awaitIdle(Waits.DEADLINE));
    s.poller(SOURCE).tick();
    assertFalse(s.worker(SOURCE).busy());
    assertEquals(2, ServeRig.history(rig.status().orElseThrow()));
  }

  @ParameterizedTest
  @EnumSource(Pushes.class)
  void aSignedPushFromEachProviderIsAppliedAndABadSignatureIsNot(Pushes provider)
      throws Exception {
    String c1 = rig.seed(NAMES.toArray(String[]::new));
    Supervisor s = serve(NEVER);
    rig.awaitApplied(c1);
    assertTrue(s.worker(SOURCE).awaitIdle(Waits.DEADLINE));

    rig.repo.write("apps/a.yaml", ConfigRepo.configMap("a", "v2"));
    String c2 = rig.repo.commit("change a");

    // Forged: 401, nothing queued, nothing recorded, nothing applied.
    ServeRig.Answer forged = rig.push(s, provider, provider.label + "-forged", WRONG);
    assertEquals(401, forged.status(), forged.body());
    assertFalse(s.worker(SOURCE).busy(), "a forged delivery started a reconcile");
    SourceStatus after = rig.status().orElseThrow();
    assertEquals(1, ServeRig.history(after));
    assertEquals("main@sha1:" + c1, after.lastAttemptedRevision());
    assertEquals("v1", rig.live().get("a"));
    String log = rig.log.toString();
    assertTrue(log.contains(" " + SOURCE + " webhook " + provider.label + " delivery "
        + provider.label + "-forged rejected: "), log);

    // Signed: 202 queued, and the new commit is applied.
    String delivery = provider.label + "-1";
    ServeRig.Answer signed = rig.push(s, provider, delivery, SECRET);
    assertEquals(202, signed.status(), signed.body());
    assertTrue(signed.body().contains("\"queued\""), signed.body());
    SourceStatus status = rig.awaitApplied(c2);
    assertEquals("v2", rig.live().get("a"));
    assertEquals(2, ServeRig.history(status));
    assertEquals("webhook:" + provider.label + "/" + delivery, status.history().get(0).trigger());
    assertNotNull(status.lastHandledWebhook());
    assertEquals(provider.label, status.lastHandledWebhook().provider());

    String m = rig.metrics(s);
    assertEquals(1, ServeRig.sample(m, "roster_webhook_deliveries_total{provider=\""
        + provider.label + "\",result=\"queued\"}"), m);
    assertEquals(1, ServeRig.sample(m, "roster_webhook_deliveries_total{provider=\""
        + provider.label + "\",result=\"rejected\"}"), m);
    assertEquals(1, ServeRig.sample(m, "roster_reconciles_total{result=\"succeeded\",source=\""
        + SOURCE + "\",trigger=\"webhook\"}"), m);
  }

  @Test
  void aHundredPushesDuringAReconcileCoalesceIntoOneMore() throws Exception {
    rig.seed(NAMES.toArray(String[]::new));
    // The first pass stops at its first create, as on a slow API server.
    RequestGate gate = new RequestGate(RequestGate.configMapCreates(APPS), 1);
    KubernetesClient client = rig.client(RequestGate.client(rig.cluster, gate));
    Supervisor s = rig.serve(client, ServeRig.settings(rig.source(NEVER)), new Metrics());
    gate.awaitHolding();
    assertTrue(s.worker(SOURCE).busy());

    rig.repo.write("apps/a.yaml", ConfigRepo.configMap("a", "v2"));
    String c2 = rig.repo.commit("change a");
    List<ServeRig.Answer> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(rig.push(s, Pushes.GENERIC, "burst-" + i, SECRET));
    }
    gate.open();

    long queued = answers.stream().filter(a -> a.body().contains("\"queued\"")).count();
    long coalesced = answers.stream().filter(a -> a.body().contains("\"coalesced\"")).count();
    long limited = answers.stream().filter(a -> a.status() == 429).count();
    assertEquals(1, queued, answers.toString());
    assertEquals(100, queued + coalesced + limited, answers.toString());
    assertTrue(coalesced >= 1, answers.toString());
    assertTrue(answers.stream().allMatch(a -> a.status() == 202 || a.status() == 429),
        answers.toString());

    rig.awaitApplied(c2);
    assertTrue(s.worker(SOURCE).awaitIdle(Waits.DEADLINE));
    SourceStatus status = rig.status().orElseThrow();
    assertEquals(2, ServeRig.history(status), status.history().toString());
    assertEquals(ReconcileRecord.START, status.history().get(1).trigger());
    assertEquals("webhook:generic/burst-0", status.history().get(0).trigger());
    assertEquals(values("v2", "v1", "v1", "v1"), rig.live());
    String m = rig.metrics(s);
    assertEquals(2, ServeRig.sum(m, "roster_reconciles_total", "source=\"" + SOURCE + "\""), m);
  }

  @Test
  void aBrokenCommitStallsWithoutTouchingLiveAndAFixedCommitRecovers() throws Exception {
    String c1 = rig.seed(NAMES.toArray(String[]::new));
    // A short interval: recovery must come from polling alone.
    serve(Duration.ofMillis(100));
    rig.awaitApplied(c1);

    rig.repo.write("apps/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
        + "  namespace: apps\ndata:\n  value: [unclosed\n").delete("apps/c.yaml");
    String c2 = rig.repo.commit("broken a, drop c");
    String broken = ConfigRepo.revision(c2);
    SourceStatus stalled = rig.awaitStatus("revision " + broken + " attempted",
        st -> broken.equals(st.lastAttemptedRevision()));

    Condition ready = stalled.condition(Conditions.READY).orElseThrow();
    assertEquals(Conditions.FALSE, ready.status());
    assertEquals(Conditions.VALIDATION_FAILED, ready.reason());
    Condition stall = stalled.condition(Conditions.STALLED).orElseThrow();
    assertEquals(Conditions.TRUE, stall.status());
    assertEquals(Conditions.VALIDATION_FAILED, stall.reason());
    assertEquals("main@sha1:" + c1, stalled.lastAppliedRevision());
    assertEquals(ReconcileRecord.FAILED, stalled.history().get(0).result());
    assertEquals(values("v1", "v1", "v1", "v1"), rig.live(), "a broken commit changed live");

    rig.repo.write("apps/a.yaml", ConfigRepo.configMap("a", "v3"));
    String c3 = rig.repo.commit("fix a");
    SourceStatus recovered = rig.awaitApplied(c3);
    assertTrue(recovered.condition(Conditions.STALLED).isEmpty(), recovered.toString());
    assertEquals(values("v3", "v1", null, "v1"), rig.live());
    List<String> results = recovered.history().stream()
        .map(r -> r.trigger() + " " + r.result() + " " + r.revision()).toList();
    assertEquals(List.of("poll succeeded main@sha1:" + c3, "poll failed " + broken,
        "start succeeded main@sha1:" + c1), results, "a stalled revision is not retried");
  }

  @Test
  void serveCommandRunsUntilStoppedAndStatusShowsTheSource() throws Exception {
    String c1 = rig.seed(NAMES.toArray(String[]::new));
    Path kubeconfig = rig.cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
    Path secret = Files.writeString(tmp.resolve("webhook-secret"),
        new String(SECRET, StandardCharsets.UTF_8) + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<ServeRig.Answer> hooks = new ArrayList<>();
    int code = ServeHarness.run(new PrintWriter(out, true), new PrintWriter(err, true),
        supervisor -> {
          rig.awaitApplied(c1);
          rig.repo.write("apps/d.yaml", ConfigRepo.configMap("d", "v2"));
          String c2 = rig.repo.commit("change d");
          hooks.add(rig.push(supervisor, Pushes.GITHUB, "gh-1", SECRET));
          rig.awaitApplied(c2);
          hooks.add(rig.get(supervisor, "/readyz"));
        },
        "serve", "--repo", rig.url(), "--ref", "main", "--source-name", SOURCE,
        "--kubeconfig", kubeconfig.toString(), "--inventory-namespace", SYSTEM, "-n", APPS,
        "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--interval", "1h", "--webhook-secret-file", secret.toString(),
        "--cache-dir", tmp.resolve("cli-cache").toString(), "--shutdown-grace", "10s");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().startsWith("roster serve ready: 1 source(s); webhooks on http://127.0.0.1:"),
        out.toString());
    assertEquals(202, hooks.get(0).status(), hooks.get(0).body());
    assertEquals(200, hooks.get(1).status());
    assertEquals(values("v1", "v1", "v1", "v2"), rig.live());
    assertFalse(err.toString().contains(new String(SECRET, StandardCharsets.UTF_8)));

    String head = rig.status().orElseThrow().lastAppliedRevision();
    StringWriter statusOut = new StringWriter();
    StringWriter statusErr = new StringWriter();
    int statusCode = Main.run(new PrintWriter(statusOut, true), new PrintWriter(statusErr, true),
        "status", "--kubeconfig", kubeconfig.toString(), "--inventory-namespace", SYSTEM);
    assertEquals(0, statusCode, statusErr.toString());
    assertTrue(statusOut.toString().lines().anyMatch(l -> l.matches(
        SOURCE + " +True +ReconciliationSucceeded +" + head.replace(".", "\\.") + " +.*")),
        statusOut.toString());
  }

  @Test
  void serveCommandWithAConfigFile() throws Exception {
    String c1 = rig.seed(NAMES.toArray(String[]::new));
    Path kubeconfig = rig.cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
    Path secret = Files.writeString(tmp.resolve("webhook-secret"),
        new String(SECRET, StandardCharsets.UTF_8));
    Path config = Files.writeString(tmp.resolve("serve.yaml"), String.join("\n",
        "apiVersion: roster.dev/v1alpha1",
        "kind: ServeConfig",
        "sources:",
        "  - name: " + SOURCE,
        "    repo: " + rig.url(),
        "    ref: main",
        "    namespace: " + APPS,
        "    interval: 1h",
        "    webhook:",
        "      secretFile: " + secret,
        ""));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ServeHarness.run(new PrintWriter(out, true), new PrintWriter(err, true),
        supervisor -> {
          assertEquals(List.of(SOURCE), supervisor.sources());
          rig.awaitApplied(c1);
          rig.repo.write("apps/b.yaml", ConfigRepo.configMap("b", "v2"));
          String c2 = rig.repo.commit("change b");
          assertEquals(202, rig.push(supervisor, Pushes.GITLAB, "gl-1", SECRET).status());
          rig.awaitApplied(c2);
        },
        "serve", "--config", config.toString(), "--kubeconfig", kubeconfig.toString(),
        "--inventory-namespace", SYSTEM, "--listen", "127.0.0.1:0",
        "--metrics-listen", "127.0.0.1:0", "--cache-dir", tmp.resolve("cli-cache").toString());
    assertEquals(0, code, err.toString());
    assertEquals(values("v1", "v2", "v1", "v1"), rig.live());
  }
}
