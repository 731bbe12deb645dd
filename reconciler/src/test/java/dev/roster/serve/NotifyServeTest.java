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
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
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
 * recovered; and that an agent's restart is held while its Task runs (told once past the
 * threshold, the commit pending), then forced when the hold times out, and that a Manual agent's
 * change awaits approval. A webhook answered 500 is retried; secrets never reach the log. Every
 * wait is a bounded poll on what the receiver got (passes are requested while polling); nothing
 * sleeps.
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
    sup = rig.serve(ServeRig.settings(rig.source(NEVER)).toBuilder().retry(ServeFaultTest.FAST)
        .probeInterval(NEVER).notifications(NotifySettings.of(targets).withRetry(
            Duration.ofMillis(10), Duration.ofMillis(50))).build(), new Metrics());
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
    Waits.until("deliveries counted", () -> ServeRig.sum(rig.metrics(sup),
        "roster_notifications_total", "result=\"delivered\"") >= 12);
    assertEquals(0.0, ServeRig.sum(rig.metrics(sup), "roster_notifications_total",
        "result=\"failed\""), "the 500 was retried, then delivered");
    String log = rig.log.toString();
    for (String secret : List.of(HMAC, GITHUB_TOKEN, GITLAB_TOKEN, "XXXXSECRET")) {
      assertFalse(log.contains(secret), "a secret in the log: " + secret);
    }
  }

  static String agent(String name, String image, String annotations) {
    return """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: %s
          namespace: apps
          annotations: {roster.dev/external-refs: "ServiceAccount/*,AgentTemplate/*"%s}
        spec:
          templateRef: {name: devbox}
          executorImage: %s
          contexts:
            - {name: rules, type: ConfigMap, configMap: {name: rules, key: AGENTS.md}}
        """.formatted(name, annotations, image);
  }

  void write(String coderImage, String reviewerImage) throws Exception {
    rig.repo.write("apps/rules.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\n"
        + "  namespace: apps\ndata:\n  AGENTS.md: be kind\n");
    rig.repo.write("apps/coder.yaml", agent("coder", coderImage,
        ", roster.dev/rollout-timeout: 3s"));
    rig.repo.write("apps/reviewer.yaml", agent("reviewer", reviewerImage,
        ", roster.dev/rollout: Manual"));
  }

  void runningTask() {
    var tasks = rig.cluster.client().genericKubernetesResources("kubeopencode.io/v1alpha1", "Task")
        .inNamespace(ServeRig.APPS);
    tasks.resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("kubeopencode.io/v1alpha1").withKind("Task").withNewMetadata()
        .withName("t1").withNamespace(ServeRig.APPS).addToLabels("kubeopencode.io/agent", "coder")
        .endMetadata().addToAdditionalProperties("spec", Map.of("agentRef",
            Map.of("name", "coder"), "description", "work")).build()).create();
    GenericKubernetesResource t = tasks.withName("t1").get();
    t.setAdditionalProperty("status", Map.of("phase", "Running"));
    tasks.resource(t).updateStatus();
  }

  @Test
  void heldForcedAndAwaitingApprovalReachTheWebhookSigned() throws Exception {
    rig.repo.write("namespaces/apps.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n"
        + "  name: apps\n");
    write("img:v1", "img:v1");
    String first = rig.repo.commit("two agents");
    List<NotifyTarget> targets = List.of(
        new NotifyTarget(NotifyTarget.Type.WEBHOOK, URI.create(receiver.url("/hook")),
            HMAC.getBytes(StandardCharsets.UTF_8), Set.of(NoticeKind.ROLLOUT_HELD,
                NoticeKind.FORCED, NoticeKind.AWAITING_APPROVAL), Duration.ZERO),
        new NotifyTarget(NotifyTarget.Type.GITHUB, URI.create(receiver.url("/gh/repos/a/b")),
            "token".getBytes(StandardCharsets.UTF_8), Set.of(), null));
    sup = rig.serve(ServeRig.settings(rig.source(NEVER)).toBuilder().retry(ServeFaultTest.FAST)
        .probeInterval(NEVER).notifications(NotifySettings.of(targets).withRetry(
            Duration.ofMillis(10), Duration.ofMillis(50))).build(), new Metrics());
    rig.awaitApplied(first);
    runningTask();

    write("img:v2", "img:v2");
    String change = rig.repo.commit("new images");
    sup.poller(ServeRig.SOURCE).poll();
    Map<String, Object> held = event("rollout-held", "Agent apps/coder");
    assertEquals(ConfigRepo.revision(change), held.get("revision"));
    assertEquals("WaitingForTasks", held.get("reason"));
    Map<String, Object> approval = event("awaiting-approval", "Agent apps/reviewer");
    assertEquals("AwaitingApproval", approval.get("reason"));
    receiver.await("a pending status for the held commit", "/gh/repos/a/b/statuses/" + change,
        r -> r.body().contains("\"pending\""));

    // The hold times out (3s): a pass after it forces the change with the task still running.
    Waits.until("the forced rollout at the receiver", () -> {
      sup.worker(ServeRig.SOURCE).request("test");
      return !receiver.on("/hook", r -> "forced".equals(r.header("X-Roster-Event"))).isEmpty();
    });
    Map<String, Object> forced = event("forced", "Agent apps/coder");
    assertEquals(held.get("since"), forced.get("since"), "the same hold");
    assertEquals(1, receiver.on("/hook", r -> "rollout-held".equals(r.header("X-Roster-Event")))
        .size(), "held is told once per hold, though every pass sees it");
    assertEquals(1, receiver.on("/hook", r -> "awaiting-approval".equals(
        r.header("X-Roster-Event"))).size(), "awaiting approval is told once");
  }

  /** Awaits a webhook delivery of {@code event} about {@code object}, signed; its body. */
  Map<String, Object> event(String event, String object) throws Exception {
    Map<String, Object> body = event(event, x -> x.body().contains(object));
    assertEquals(object, body.get("object"));
    return body;
  }

  /** Awaits a webhook delivery of {@code event}, checks its signature, returns its body. */
  Map<String, Object> event(String event) throws Exception {
    return event(event, x -> true);
  }

  Map<String, Object> event(String event, java.util.function.Predicate<NotifyReceiver.Received>
      also) throws Exception {
    NotifyReceiver.Received r = receiver.await("a webhook " + event, "/hook",
        x -> event.equals(x.header("X-Roster-Event")) && also.test(x));
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
