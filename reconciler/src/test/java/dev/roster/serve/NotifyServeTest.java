package dev.roster.serve;

import static dev.roster.serve.ServeRig.NEVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.metrics.Metrics;
import dev.roster.serve.notify.NoticeKind;
import dev.roster.serve.notify.NotifySettings;
import dev.roster.serve.notify.NotifyTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serve's notifications end to end: a supervisor reconciling a Git repository over HTTP tells a
 * local receiver, as a signed generic webhook, a Slack-compatible webhook and GitHub and GitLab
 * commit statuses, that a commit applied, failed validation, had its prunes refused, and
 * recovered. A webhook answered 500 is retried; secrets never reach the log. Every wait is a
 * bounded poll on what the receiver got.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NotifyServeTest {
  static final String HMAC = "whsec-notify-test";
  static final String GITHUB_TOKEN = "ghp_notifytesttoken";
  static final String GITLAB_TOKEN = "glpat-notifytesttoken";
  static final String SLACK_PATH = "/slack/T000/B000/XXXXSECRET";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  ServeRig rig;
  NotifyReceiver receiver;
  Supervisor sup;

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
    receiver = new NotifyReceiver();
  }

  /** Serves the rig's source with the four targets; the webhook's first answer is a 500. */
  void serve() {
    receiver.answer("/hook", 500); // the first delivery fails once: retried
    List<NotifyTarget> targets = List.of(
        target(NotifyTarget.Type.WEBHOOK, "/hook", HMAC, Set.of()),
        target(NotifyTarget.Type.SLACK, SLACK_PATH, null,
            Set.of(NoticeKind.RECONCILE_FAILED, NoticeKind.RECOVERED)),
        target(NotifyTarget.Type.GITHUB, "/gh/repos/acme/config", GITHUB_TOKEN, Set.of()),
        target(NotifyTarget.Type.GITLAB, "/gl/api/v4/projects/7", GITLAB_TOKEN, Set.of()));
    sup = rig.serve(ServeRig.settings(rig.source(NEVER)).with(null, ServeFaultTest.FAST, NEVER)
        .withNotify(NotifySettings.of(targets).withRetry(Duration.ofMillis(10),
            Duration.ofMillis(50))), new Metrics());
  }

  NotifyTarget target(NotifyTarget.Type type, String path, String secret, Set<NoticeKind> ev) {
    return new NotifyTarget(type, URI.create(receiver.url(path)),
        secret == null ? null : secret.getBytes(StandardCharsets.UTF_8), ev, null);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    receiver.close();
  }

  @Test
  void failedPruneRefusedAndRecoveredReachEveryTargetSigned() throws Exception {
    String first = rig.seed("a", "b", "c", "d");
    serve(); // after the first commit: its first pass applies it
    rig.awaitApplied(first);
    assertStatus("/gh/repos/acme/config/statuses/" + first, "success", "context");
    assertStatus("/gl/api/v4/projects/7/statuses/" + first, "success", "name");

    // A commit that fails validation: told once, signed; the commit's status is a failure.
    rig.repo.write("apps/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n"
        + "  namespace: apps\ndata: 5\n");
    String bad = rig.repo.commit("bad");
    sup.poller(ServeRig.SOURCE).poll();
    Map<String, Object> failed = event("reconcile-failed");
    assertEquals(ServeRig.SOURCE, failed.get("source"));
    assertEquals(ConfigRepo.revision(bad), failed.get("revision"));
    assertEquals("ValidationFailed", failed.get("reason"));
    assertStatus("/gh/repos/acme/config/statuses/" + bad, "failure", "context");
    assertStatus("/gl/api/v4/projects/7/statuses/" + bad, "failed", "name");
    NotifyReceiver.Received slack = receiver.await("the Slack text of the failure", SLACK_PATH,
        r -> r.body().contains("reconcile failed"));
    assertTrue(text(slack).startsWith("roster: source config: reconcile failed at "
        + ConfigRepo.revision(bad)), text(slack));

    // Three of five objects gone: the mass-prune guard refuses; its own notice.
    rig.repo.delete("apps/bad.yaml").delete("apps/b.yaml").delete("apps/c.yaml")
        .delete("apps/d.yaml");
    String prunes = rig.repo.commit("drop three");
    sup.poller(ServeRig.SOURCE).poll();
    Map<String, Object> refused = event("prune-refused");
    assertEquals(ConfigRepo.revision(prunes), refused.get("revision"));
    assertTrue(String.valueOf(refused.get("message")).contains("refusing to prune 3"),
        refused.toString());

    // Back: recovered, to the webhook and to Slack (which takes only failed and recovered).
    rig.repo.write("apps/b.yaml", ConfigRepo.configMap("b", "v1"))
        .write("apps/c.yaml", ConfigRepo.configMap("c", "v1"))
        .write("apps/d.yaml", ConfigRepo.configMap("d", "v1"));
    String back = rig.repo.commit("restore");
    sup.poller(ServeRig.SOURCE).poll();
    assertEquals(ConfigRepo.revision(back), event("recovered").get("revision"));
    receiver.await("Slack told of the recovery", SLACK_PATH, r -> r.body().contains("recovered"));
    assertStatus("/gh/repos/acme/config/statuses/" + back, "success", "context");
    assertTrue(receiver.on(SLACK_PATH, r -> r.body().contains("prune")).isEmpty(),
        "Slack's events leave prune-refused out: " + receiver.on(SLACK_PATH, r -> true));

    // The webhook's first delivery was answered 500 and tried again, same delivery id.
    List<NotifyReceiver.Received> hooks = receiver.on("/hook", r -> true);
    assertEquals(hooks.get(0).header("X-Roster-Delivery"), hooks.get(1).header(
        "X-Roster-Delivery"), "the retry is the same delivery");
    assertEquals(hooks.get(0).body(), hooks.get(1).body());
    assertEquals(1, hooks.stream().filter(r -> r.body().contains("\"reconcile-failed\""))
        .map(r -> r.header("X-Roster-Delivery")).distinct().count(),
        "one failure, told once: " + hooks);
    String log = rig.log.toString();
    for (String secret : List.of(HMAC, GITHUB_TOKEN, GITLAB_TOKEN, "XXXXSECRET")) {
      assertFalse(log.contains(secret), "a secret in the log: " + secret);
    }
  }

  /** Awaits a webhook delivery of {@code event}, checks its signature, returns its body. */
  Map<String, Object> event(String event) throws Exception {
    NotifyReceiver.Received r = receiver.await("a webhook " + event, "/hook",
        x -> event.equals(x.header("X-Roster-Event")));
    assertEquals("sha256=" + hmac(HMAC, r.body()), r.header("X-Roster-Signature"),
        "signed with the secret: " + r);
    assertNull(receiver.on("/hook", x -> x.header("X-Roster-Signature") == null).stream()
        .findFirst().orElse(null), "every webhook delivery is signed");
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(r.body(), Map.class);
    assertEquals(event, body.get("event"));
    return body;
  }

  void assertStatus(String path, String state, String contextField) throws Exception {
    NotifyReceiver.Received r = receiver.await(state + " status at " + path, path,
        x -> x.path().equals(path) && x.body().contains("\"" + state + "\""));
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(r.body(), Map.class);
    assertEquals(state, body.get("state"));
    assertEquals("roster/" + ServeRig.SOURCE, body.get(contextField));
    if (path.startsWith("/gh")) {
      assertEquals("Bearer " + GITHUB_TOKEN, r.header("Authorization"));
    } else {
      assertEquals(GITLAB_TOKEN, r.header("PRIVATE-TOKEN"));
    }
  }

  static String text(NotifyReceiver.Received r) throws Exception {
    return String.valueOf(JSON.readValue(r.body(), Map.class).get("text"));
  }

  static String hmac(String key, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
