package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in URLs are never printed: every command that can be handed a URL (repo, kubeconfig
 * server, schema dir, validate's directory) is run through {@link Main#run} with userinfo and a
 * token in the query string, and the secret must appear in neither standard output nor error.
 * The remote is unreachable (port 1 on loopback refuses), so every run takes its error path.
 */
class CredentialRedactionTest {
  private static final String SECRET = "s3cr3t";
  private static final String URL =
      "https://user:" + SECRET + "@127.0.0.1:1/repo.git?private_token=" + SECRET;

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    String all() {
      return out + "\n" + err;
    }
  }

  static Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** A kubeconfig whose server URL carries the secret. */
  private Path kubeconfig() throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
        "apiVersion: v1", "kind: Config", "current-context: c",
        "clusters:", "- name: k", "  cluster:", "    server: " + URL,
        "contexts:", "- name: c", "  context:", "    cluster: k", "    user: u",
        "users:", "- name: u", "  user:", "    token: not-the-secret", ""));
  }

  private void assertNoSecret(String what, Run r) {
    assertNotEquals(0, r.code(), what + " cannot succeed against an unreachable URL:\n" + r.all());
    assertFalse(r.all().contains(SECRET), what + " printed the secret:\n" + r.all());
  }

  @Test
  void noCommandPrintsTheSecret() throws IOException {
    String kc = "--kubeconfig=" + kubeconfig();
    String cache = "--cache-dir=" + dir.resolve("cache");
    List<String[]> commands = new ArrayList<>(List.of(
        new String[] {"validate", URL},
        new String[] {"validate", "--schema-dir", URL, dir.toString()},
        new String[] {"kinds", "--schema-dir", URL},
        new String[] {"plan", "--repo", URL, cache, kc},
        new String[] {"plan", "--repo", URL, cache, "--embedded-cluster"},
        new String[] {"plan", "--repo", URL, cache, "-o", "json", kc},
        new String[] {"apply", "--repo", URL, cache, kc},
        new String[] {"apply", "--repo", URL, cache, "--embedded-cluster"},
        new String[] {"status", kc},
        new String[] {"status", kc, "-o", "json"},
        new String[] {"approve", kc, "--source-name", "config", "Agent/coder"},
        new String[] {"serve", "--repo", URL, cache, kc, "--listen", "127.0.0.1:0"}));
    for (String[] args : commands) {
      assertNoSecret(String.join(" ", args), roster(args));
    }
  }

  @Test
  void serveBannerLogsAndMetricsDoNotPrintTheSecret() throws Exception {
    StringWriter out = new StringWriter();
    CountDownLatch failed = new CountDownLatch(1);
    StringWriter err = new StringWriter() {
      @Override
      public void flush() {
        if (toString().contains("SourceFetchFailed") || toString().contains("failed")) {
          failed.countDown();
        }
      }
    };
    List<String> scraped = new ArrayList<>();
    int code = ServeHarness.run(new PrintWriter(out, true), new PrintWriter(err, true),
        supervisor -> {
          assertTrue(failed.await(60, TimeUnit.SECONDS), "the first pass fails:\n" + err);
          String base = "http://127.0.0.1:" + supervisor.address().getPort();
          HttpClient http = HttpClient.newHttpClient();
          for (String path : List.of("/metrics", "/readyz", "/healthz")) {
            scraped.add(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
          }
        },
        "serve", "--repo", URL, "--cache-dir=" + dir.resolve("cache"), "--embedded-cluster",
        "--listen", "127.0.0.1:0", "--interval", "1h");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("roster serve ready"), out.toString());
    assertTrue(out.toString().contains("https://127.0.0.1:1/repo.git?private_token=***"),
        "the banner names the repo, redacted:\n" + out);
    assertFalse(out.toString().contains(SECRET), "banner:\n" + out);
    assertFalse(err.toString().contains(SECRET), "log:\n" + err);
    for (String body : scraped) {
      assertFalse(body.contains(SECRET), body);
    }
  }

  @Test
  void statusOfAServedSourceDoesNotPrintTheSecret() throws Exception {
    try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
      Path kc = cluster.writeKubeconfig(dir.resolve("embedded-kubeconfig"));
      Run apply = roster("apply", "--repo", URL, "--cache-dir=" + dir.resolve("cache"),
          "--kubeconfig=" + kc);
      assertNoSecret("apply", apply);
      Run status = roster("status", "--kubeconfig=" + kc, "-o", "json");
      assertFalse(status.all().contains(SECRET), status.all());
    }
  }
}
