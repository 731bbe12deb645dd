package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.roster.cli.Main;
import dev.roster.cli.ServeHarness;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.load.Problem;
import dev.roster.source.GitHttpServer;
import dev.roster.source.GitSource;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roster serve --config FILE}: reading, validation with located problems, exit codes. */
class ServeConfigReaderTest {
  static final SchemaCatalog CATALOG = SchemaCatalog.bundled();

  @TempDir Path tmp;

  Path file(String name, String... lines) throws Exception {
    return Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n");
  }

  Path config(String... sourceLines) throws Exception {
    String[] all = new String[sourceLines.length + 3];
    all[0] = "apiVersion: roster.dev/v1alpha1";
    all[1] = "kind: ServeConfig";
    all[2] = "sources:";
    System.arraycopy(sourceLines, 0, all, 3, sourceLines.length);
    return file("serve.yaml", all);
  }

  List<SourceConfig> read(Path config) {
    return ServeConfigReader.read(config, CATALOG, null, "roster-system", tmp.resolve("cache"));
  }

  /** The problems of an invalid config, formatted. */
  List<String> problems(Path config) {
    ServeConfigException e = assertThrows(ServeConfigException.class, () -> read(config));
    assertFalse(e.problems().isEmpty(), e.getMessage());
    return e.problems().stream().map(Problem::format).toList();
  }

  @Test
  void readsTwoSourcesWithEveryOption() throws Exception {
    Path user = Files.writeString(tmp.resolve("user"), "bot\n");
    Path token = Files.writeString(tmp.resolve("token"), "t0ken-value\n");
    Path hook = Files.writeString(tmp.resolve("hook"), "hook-secret\n");
    Path key = Files.writeString(tmp.resolve("id_ed25519"), "not a real key\n");
    Path hosts = Files.writeString(tmp.resolve("known_hosts"), "");
    List<SourceConfig> sources = read(config(
        "  - name: platform",
        "    repo: https://git.example.com/platform/config.git",
        "    ref: main",
        "    path: clusters/prod",
        "    interval: 1m30s",
        "    resyncInterval: 5m",
        "    namespace: platform",
        "    prune: false",
        "    drift: report",
        "    credentials:",
        "      usernameFile: " + user,
        "      tokenFile: " + token,
        "    webhook:",
        "      secretFile: " + hook,
        "  - name: agents",
        "    repo: git@git.example.com:platform/agents.git",
        "    suspend: true",
        "    interval: 30s",
        "    credentials:",
        "      sshKeyFile: " + key,
        "      knownHostsFile: " + hosts));
    assertEquals(2, sources.size());

    SourceConfig p = sources.get(0);
    assertEquals("platform", p.name());
    assertEquals("https://git.example.com/platform/config.git", p.spec().repo());
    assertEquals("main", p.spec().ref());
    assertEquals("clusters/prod", p.spec().path());
    assertEquals(tmp.resolve("cache"), p.spec().cacheDir());
    assertEquals(Duration.ofSeconds(90), p.interval());
    assertEquals(Duration.ofMinutes(5), p.resyncInterval());
    assertNull(sources.get(1).resyncInterval(), "serve's --resync-interval applies");
    assertEquals("platform", p.namespace());
    assertFalse(p.prune());
    assertFalse(p.suspend());
    assertTrue(p.driftReportOnly());
    assertArrayEquals("hook-secret".getBytes(StandardCharsets.UTF_8), p.webhookSecret());
    assertTrue(p.credentials().toString().contains("token=set"), p.credentials().toString());
    assertFalse(p.credentials().toString().contains("t0ken"));

    SourceConfig a = sources.get(1);
    assertEquals("agents", a.name());
    assertNull(a.spec().ref());
    assertNull(a.spec().path());
    assertEquals(Duration.ofSeconds(30), a.interval());
    assertEquals("default", a.namespace());
    assertTrue(a.prune());
    assertTrue(a.suspend());
    assertFalse(a.driftReportOnly());
    assertNull(a.webhookSecret(), "no webhook block: webhooks refused");
    assertEquals(hosts, a.credentials().knownHostsFile());
    assertTrue(a.credentials().toString().contains("sshKey=" + key), a.credentials().toString());
  }

  @Test
  void tokenFilesAuthenticateAgainstARealServer() throws Exception {
    try (ConfigRepo repo = new ConfigRepo(tmp.resolve("repos/config"))) {
      String head = repo.write("a.yaml", ConfigRepo.configMap("a", "v1")).commit("one");
      Path user = Files.writeString(tmp.resolve("user"), "bot\n");
      Path token = Files.writeString(tmp.resolve("token"), "t0ken-value\n");
      try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), "bot",
          "t0ken-value")) {
        SourceConfig c = read(config(
            "  - name: config",
            "    repo: " + server.url("config"),
            "    ref: main",
            "    credentials:",
            "      usernameFile: " + user,
            "      tokenFile: " + token)).get(0);
        try (GitSource source = new GitSource(c.credentials())) {
          assertEquals(ConfigRepo.revision(head), source.snapshot(c.spec()).revision());
        }
      }
    }
  }

  @Test
  void webhookSecretAndTokenFromSecrets() throws Exception {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      cluster.client().secrets().inNamespace("roster-system").resource(new SecretBuilder()
          .withNewMetadata().withName("hooks").withNamespace("roster-system").endMetadata()
          .addToStringData("config", "from-a-secret").build()).create();
      cluster.client().secrets().inNamespace("git").resource(new SecretBuilder()
          .withNewMetadata().withName("git-token").withNamespace("git").endMetadata()
          .addToData("token", java.util.Base64.getEncoder().encodeToString(
              "tok\n".getBytes(StandardCharsets.UTF_8)))
          .build()).create();
      SourceConfig c = ServeConfigReader.read(config(
          "  - name: config",
          "    repo: https://git.example.com/config.git",
          "    credentials:",
          "      secretRef: {name: git-token, namespace: git}",
          "    webhook:",
          "      secretRef: {name: hooks, key: config}"),
          CATALOG, cluster.client(), "roster-system", tmp).get(0);
      assertArrayEquals("from-a-secret".getBytes(StandardCharsets.UTF_8), c.webhookSecret());
      assertTrue(c.credentials().toString().contains("token=set"));

      ServeConfigException missing = assertThrows(ServeConfigException.class,
          () -> ServeConfigReader.read(config(
              "  - name: config",
              "    repo: https://git.example.com/config.git",
              "    webhook:",
              "      secretRef: {name: nope}"),
              CATALOG, cluster.client(), "roster-system", tmp));
      assertEquals("Secret 'roster-system/nope' not found", missing.getMessage());
    }
  }

  @Test
  void anUnknownFieldIsLocated() throws Exception {
    List<String> p = problems(config(
        "  - name: config",
        "    repo: https://git.example.com/config.git",
        "    intervall: 1m"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("serve.yaml:6:5: "), p.toString());
    assertTrue(p.get(0).contains("intervall"), p.toString());
  }

  @Test
  void aBadIntervalIsLocated() throws Exception {
    List<String> p = problems(config(
        "  - name: config",
        "    repo: https://git.example.com/config.git",
        "    interval: 5 minutes"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("serve.yaml:6:"), p.toString());
    assertTrue(p.get(0).contains("/sources/0/interval"), p.toString());
  }

  @Test
  void aZeroResyncIntervalIsLocated() throws Exception {
    List<String> p = problems(config(
        "  - name: config",
        "    repo: https://git.example.com/config.git",
        "    resyncInterval: 0s"));
    assertEquals(List.of("serve.yaml:6:5: ServeConfig/<no name>: /sources/0/resyncInterval:"
        + " resyncInterval must be more than 0"), p);
  }

  @Test
  void anIntervalTheSchemaAcceptsButServeCannotUseIsLocated() throws Exception {
    for (String interval : List.of("500us", "0", "0s")) {
      List<String> p = problems(config(
          "  - name: config",
          "    repo: https://git.example.com/config.git",
          "    interval: " + interval));
      assertEquals(1, p.size(), interval + ": " + p);
      assertTrue(p.get(0).startsWith("serve.yaml:6:5: "), interval + ": " + p);
      assertTrue(p.get(0).contains("/sources/0/interval"), interval + ": " + p);
    }
  }

  @Test
  void bothSecretFileAndSecretRefAreRefused() throws Exception {
    List<String> p = problems(config(
        "  - name: config",
        "    repo: https://git.example.com/config.git",
        "    webhook:",
        "      secretFile: /etc/roster/hook",
        "      secretRef: {name: hooks}"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("serve.yaml:6:5: "), p.toString());
    assertTrue(p.get(0).endsWith("/sources/0/webhook: set exactly one of secretFile or secretRef"),
        p.toString());
  }

  @Test
  void twoSourcesWithOneNameAreRefused() throws Exception {
    List<String> p = problems(config(
        "  - name: config",
        "    repo: https://git.example.com/a.git",
        "  - name: config",
        "    repo: https://git.example.com/b.git"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("serve.yaml:6:"), p.toString());
    assertTrue(p.get(0).contains("/sources/1/name"), p.toString());
  }

  @Test
  void severalProblemsAreAllReported() throws Exception {
    List<String> p = problems(config(
        "  - name: Config",
        "    repo: https://git.example.com/config.git",
        "    drift: ignore",
        "    prune: \"no\""));
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.stream().allMatch(s -> s.matches("serve\\.yaml:\\d+:\\d+: .*")), p.toString());
  }

  @Test
  void aYamlErrorIsLocated() throws Exception {
    List<String> p = problems(config("  - name: [config"));
    assertTrue(p.get(0).startsWith("serve.yaml:"), p.toString());
  }

  // roster serve, through Main

  record Run(int code, String out, String err) {}

  Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** A kubeconfig for a cluster nobody listens on: serve must fail before it would connect. */
  Path nowhere() throws Exception {
    return file("kubeconfig", "apiVersion: v1", "kind: Config", "clusters:",
        "- name: x", "  cluster:", "    server: http://127.0.0.1:9", "contexts:",
        "- name: x", "  context:", "    cluster: x", "    user: x", "current-context: x",
        "users:", "- name: x", "  user: {}");
  }

  @Test
  void serveWithAnInvalidConfigExitsThreeAndPrintsLocatedProblems() throws Exception {
    Path bad = config(
        "  - name: config",
        "    repo: https://git.example.com/config.git",
        "    intervall: 1m");
    Run r = roster("serve", "--config", bad.toString(), "--kubeconfig", nowhere().toString(),
        "--listen", "127.0.0.1:0");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("serve.yaml:6:5: ")), r.err());
    assertTrue(r.err().contains("roster: serve config ConfigInvalid: invalid serve config"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void serveWithNeitherRepoNorConfigIsAUsageError() {
    Run r = roster("serve", "--listen", "127.0.0.1:0");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("serve needs --repo (one source) or --config FILE"), r.err());
  }

  @Test
  void serveWithABadDurationFlagIsAUsageError() throws Exception {
    Run r = roster("serve", "--repo", tmp.toString(), "--interval", "5 minutes",
        "--kubeconfig", nowhere().toString(), "--listen", "127.0.0.1:0");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("invalid duration '5 minutes'"), r.err());
    Run g = roster("serve", "--repo", tmp.toString(), "--shutdown-grace", "soon",
        "--kubeconfig", nowhere().toString(), "--listen", "127.0.0.1:0");
    assertEquals(2, g.code(), g.err());
    Run z = roster("serve", "--repo", tmp.toString(), "--resync-interval", "0",
        "--kubeconfig", nowhere().toString(), "--listen", "127.0.0.1:0");
    assertEquals(2, z.code(), z.err());
    assertTrue(z.err().contains("the interval must be more than 0"), z.err());
  }

  @Test
  void serveWithAnUnreachableClusterExitsSix() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ServeHarness.run(new PrintWriter(out, true), new PrintWriter(err, true),
        supervisor -> fail("serve started although the cluster is unreachable"),
        "serve", "--repo", tmp.toString(), "--kubeconfig", nowhere().toString(),
        "--listen", "127.0.0.1:0");
    assertEquals(6, code, err.toString());
    assertTrue(err.toString().startsWith("roster: cluster ClusterUnreachable: "), err.toString());
  }

  @Test
  void planStillRequiresRepo() {
    Run r = roster("plan");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("Missing required option: '--repo=URL|DIR'"), r.err());
  }
}
