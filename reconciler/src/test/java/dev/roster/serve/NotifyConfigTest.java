package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.cli.Main;
import dev.roster.cli.ServeHarness;
import dev.roster.load.Problem;
import dev.roster.serve.notify.NoticeKind;
import dev.roster.serve.notify.NotifySettings;
import dev.roster.serve.notify.NotifyTarget;
import dev.roster.validate.SchemaCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify:} in the serve config (read, checked, secrets and URLs from files) and {@code
 * serve --notify-url} through {@link Main}: a failing directory source's pass reaches a local
 * receiver, signed with {@code --notify-secret-file}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NotifyConfigTest {
  @TempDir Path tmp;

  Path config(String... notifyLines) throws Exception {
    String body = "apiVersion: roster.dev/v1alpha1\nkind: ServeConfig\nsources:\n"
        + "  - {name: prod, repo: " + tmp + "}\nnotify:\n" + String.join("\n", notifyLines) + "\n";
    return Files.writeString(tmp.resolve("serve.yaml"), body);
  }

  Path secret(String name, String value) throws Exception {
    return Files.writeString(tmp.resolve(name), value + "\n");
  }

  NotifySettings read(Path config) {
    ServeConfigReader.read(config, SchemaCatalog.bundled(), null, "roster-system", tmp);
    return ServeConfigReader.notify(config, SchemaCatalog.bundled());
  }

  List<String> problems(Path config) {
    ServeConfigException e = assertThrows(ServeConfigException.class, () -> read(config));
    assertFalse(e.problems().isEmpty(), e.getMessage());
    return e.problems().stream().map(Problem::format).toList();
  }

  @Test
  void readsEveryKindOfTarget() throws Exception {
    Path hmac = secret("hmac", "s3cr3t");
    Path token = secret("token", "ghp_x");
    Path slack = secret("slack-url", "https://hooks.slack.com/services/T0/B0/XYZ");
    List<NotifyTarget> t = read(config(
        "  - {type: webhook, url: 'https://hooks.example.com/roster', secretFile: " + hmac + "}",
        "  - {type: slack, urlFile: " + slack + ", events: [reconcile-failed, recovered]}",
        "  - {type: github, url: 'https://api.github.com/repos/acme/cfg', secretFile: " + token
            + "}",
        "  - {type: gitlab, url: 'https://gitlab.com/api/v4/projects/7', secretFile: " + token
            + ", heldAfter: 30m}")).targets();
    assertEquals(4, t.size());
    assertEquals(NotifyTarget.Type.WEBHOOK, t.get(0).type());
    assertArrayEquals("s3cr3t".getBytes(StandardCharsets.UTF_8), t.get(0).secret());
    assertEquals(EnumSet.allOf(NoticeKind.class), t.get(0).events());
    assertEquals("https://hooks.slack.com/services/T0/B0/XYZ", t.get(1).url().toString());
    assertEquals(EnumSet.of(NoticeKind.RECONCILE_FAILED, NoticeKind.RECOVERED), t.get(1).events());
    assertNull(t.get(1).secret());
    assertEquals("slack https://hooks.slack.com", t.get(1).toString(), "no path: it is a secret");
    assertEquals(NotifyTarget.Type.GITHUB, t.get(2).type());
    assertEquals(Duration.ofMinutes(30), t.get(3).heldAfter());
    assertEquals(NotifyTarget.DEFAULT_HELD_AFTER, t.get(2).heldAfter());
  }

  @Test
  void badTargetsAreLocatedProblems() throws Exception {
    List<String> p = problems(config(
        "  - {type: github, url: 'https://api.github.com/repos/acme/cfg'}",
        "  - {type: webhook, url: 'https://a.example.com', events: [everything]}",
        "  - {type: teams, url: 'https://a.example.com'}",
        "  - {type: webhook, url: 'https://a.example.com', urlFile: /x}"));
    String all = String.join("\n", p);
    assertTrue(all.contains("/notify/1/events/0"), all);
    assertTrue(all.contains("/notify/2/type"), all);
    assertTrue(all.contains("set exactly one of url or urlFile"), all);
    List<String> token = problems(config(
        "  - {type: github, url: 'https://api.github.com/repos/acme/cfg'}"));
    assertTrue(String.join("\n", token).contains("github commit statuses need secretFile"),
        token.toString());
  }

  @Test
  void notifyUrlSendsASignedFailureOfTheOneSource() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: bad\ndata: 5\n");
    Path key = secret("key", "cli-secret");
    try (NotifyReceiver receiver = new NotifyReceiver()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = ServeHarness.run(new PrintWriter(out, true),
          new PrintWriter(err, true), sup -> {
            NotifyReceiver.Received r = receiver.await("the failure", "/hook",
                x -> "reconcile-failed".equals(x.header("X-Roster-Event")));
            assertEquals("sha256=" + NotifyServeTest.hmac("cli-secret", r.body()),
                r.header("X-Roster-Signature"));
            assertTrue(r.body().contains("\"reason\":\"ValidationFailed\""), r.body());
          }, "serve", "--repo", repo.toString(), "--embedded-cluster", "--listen", "127.0.0.1:0",
          "--metrics-listen", "127.0.0.1:0", "--cache-dir", tmp.resolve("cache").toString(),
          "--notify-url", receiver.url("/hook"), "--notify-secret-file", key.toString());
      assertEquals(0, code, err.toString());
      assertTrue(out.toString().contains("Notify: webhook " + receiver.url("").replace("/", "")
          .replace("http:", "http://")), out.toString());
      assertFalse(out.toString().contains("/hook"), "the banner names no URL path: " + out);
      assertFalse(err.toString().contains("cli-secret"), err.toString());
    }
  }

  @Test
  void notifyUrlIsForOneSource() throws Exception {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "serve", "--config", config("  - {type: webhook, url: 'https://a.example.com'}")
            .toString(), "--notify-url", "https://b.example.com", "--embedded-cluster");
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("--notify-url is for one source"), err.toString());
  }
}
