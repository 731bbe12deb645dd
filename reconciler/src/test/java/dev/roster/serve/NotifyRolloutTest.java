package dev.roster.serve;

import static dev.roster.serve.ServeRig.NEVER;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serve's rollout notifications end to end: an agent's restart held while its Task runs (told
 * once past the threshold, the commit's status pending), then forced when its hold times out, and
 * a Manual agent's change awaiting approval, each at a local receiver, signed. Passes are
 * requested while the test polls the receiver; nothing sleeps.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NotifyRolloutTest {
  static final String SECRET = "whsec-rollouts";
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

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
    receiver.close();
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
            SECRET.getBytes(StandardCharsets.UTF_8), Set.of(NoticeKind.ROLLOUT_HELD,
                NoticeKind.FORCED, NoticeKind.AWAITING_APPROVAL), Duration.ZERO),
        new NotifyTarget(NotifyTarget.Type.GITHUB, URI.create(receiver.url("/gh/repos/a/b")),
            "token".getBytes(StandardCharsets.UTF_8), Set.of(), null));
    sup = rig.serve(ServeRig.settings(rig.source(NEVER)).with(null, ServeFaultTest.FAST, NEVER)
        .withNotify(NotifySettings.of(targets).withRetry(Duration.ofMillis(10),
            Duration.ofMillis(50))), new Metrics());
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

  Map<String, Object> event(String event, String object) throws Exception {
    NotifyReceiver.Received r = receiver.await(event + " of " + object, "/hook",
        x -> event.equals(x.header("X-Roster-Event")) && x.body().contains(object));
    assertEquals("sha256=" + NotifyServeTest.hmac(SECRET, r.body()),
        r.header("X-Roster-Signature"));
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(r.body(), Map.class);
    assertEquals(object, body.get("object"));
    return body;
  }
}
