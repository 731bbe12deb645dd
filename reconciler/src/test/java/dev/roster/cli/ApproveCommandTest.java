package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roster approve} and {@code --rollout-policy} through {@link Main#run}. */
class ApproveCommandTest {
  static final ResourceDefinitionContext AGENT = ctx("Agent", "agents");
  static final ResourceDefinitionContext TASK = ctx("Task", "tasks");

  @TempDir Path repo;
  @TempDir Path dir;
  EmbeddedCluster cluster;
  Path kubeconfig;

  record Run(int code, String out, String err) {}

  static ResourceDefinitionContext ctx(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("kubeopencode.io")
        .withVersion("v1alpha1").withKind(kind).withPlural(plural).withNamespaced(true).build();
  }

  @BeforeEach
  void setUp() throws IOException {
    cluster = EmbeddedCluster.start();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  Run roster(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, "--kubeconfig=" + kubeconfig);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  Run apply(String... extra) {
    List<String> a = new ArrayList<>(List.of("apply", "--repo", repo.toString(),
        "--source-name", "agents"));
    a.addAll(List.of(extra));
    return roster(a.toArray(String[]::new));
  }

  void agent(String image, String policy) throws IOException {
    Files.writeString(repo.resolve("agent.yaml"), """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          annotations: {roster.dev/external-refs: "ServiceAccount/*,AgentTemplate/*"%s}
        spec:
          templateRef: {name: devbox}
          executorImage: %s
        """.formatted(policy.isEmpty() ? "" : ", roster.dev/rollout: " + policy, image));
  }

  void runningTask() {
    var tasks = cluster.client().genericKubernetesResources(TASK).inNamespace("default");
    tasks.resource(new GenericKubernetesResourceBuilder().withApiVersion("kubeopencode.io/v1alpha1")
        .withKind("Task").withNewMetadata().withName("t1").withNamespace("default")
        .addToLabels("kubeopencode.io/agent", "coder").endMetadata()
        .addToAdditionalProperties("spec", Map.of("agentRef", Map.of("name", "coder"),
            "description", "work")).build()).create();
    GenericKubernetesResource t = tasks.withName("t1").get();
    t.setAdditionalProperty("status", Map.of("phase", "Running"));
    tasks.resource(t).updateStatus();
  }

  GenericKubernetesResource live(String name) {
    return cluster.client().genericKubernetesResources(AGENT).inNamespace("default")
        .withName(name).get();
  }

  String image() {
    return String.valueOf(((Map<?, ?>) live("coder").getAdditionalProperties().get("spec"))
        .get("executorImage"));
  }

  String annotation(String key) {
    Map<String, String> a = live("coder").getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  @Test
  void approveLetsTheManualHoldGoOut() throws IOException {
    agent("img:v1", "Manual");
    assertEquals(0, apply().code(), () -> apply().err());
    agent("img:v2", "Manual");
    Run held = apply();
    assertEquals(0, held.code(), held.err());
    assertEquals("img:v1", image());
    String revision = annotation("roster.dev/held-revision");
    assertTrue(revision != null && !revision.isEmpty(), String.valueOf(revision));

    Run ok = roster("approve", "--source-name", "agents", "Agent/coder");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("approved Agent/coder at " + revision), ok.out());
    assertEquals(revision, annotation("roster.dev/approve"));

    assertEquals(0, apply().code());
    assertEquals("img:v2", image());
    assertNull(annotation("roster.dev/held-revision"));
  }

  @Test
  void refusesObjectsOfAnotherSourceUnknownObjectsAndKinds() throws IOException {
    agent("img:v1", "Manual");
    assertEquals(0, apply().code());
    cluster.client().genericKubernetesResources(AGENT).inNamespace("default").resource(
        new GenericKubernetesResourceBuilder().withApiVersion("kubeopencode.io/v1alpha1")
            .withKind("Agent").withNewMetadata().withName("handmade").withNamespace("default")
            .endMetadata().addToAdditionalProperties("spec", Map.of("executorImage", "x"))
            .build()).create();

    Run other = roster("approve", "--source-name", "agents", "Agent/handmade");
    assertEquals(ExitCode.USAGE, other.code());
    assertTrue(other.err().contains(
        "Agent/handmade is not managed by source 'agents' (it is not managed by Roster)"),
        other.err());
    assertNull(live("handmade").getMetadata().getAnnotations() == null ? null
        : live("handmade").getMetadata().getAnnotations().get("roster.dev/approve"));

    Run wrongSource = roster("approve", "--source-name", "infra", "Agent/coder");
    assertEquals(ExitCode.USAGE, wrongSource.code());
    assertTrue(wrongSource.err().contains("managed by source 'agents'"), wrongSource.err());

    Run missing = roster("approve", "--source-name", "agents", "Agent/nobody");
    assertEquals(ExitCode.USAGE, missing.code());
    assertTrue(missing.err().contains("Agent/nobody not found in namespace 'default' (-n);"
        + " nothing approved"), missing.err());

    Run kind = roster("approve", "--source-name", "agents", "Gadget/x");
    assertEquals(ExitCode.USAGE, kind.code());
    assertTrue(kind.err().contains("unknown kind 'Gadget'"), kind.err());

    Run nothing = roster("approve", "--source-name", "agents", "Agent/coder");
    assertEquals(ExitCode.USAGE, nothing.code());
    assertTrue(nothing.err().contains("nothing is held"), nothing.err());
  }

  @Test
  void rolloutPolicyFlagSetsTheDefault() throws IOException {
    agent("img:v1", "");
    assertEquals(0, apply().code());
    runningTask();
    agent("img:v2", "");
    assertEquals(0, apply().code());
    assertEquals("img:v1", image(), "Rollout by default: held while the Task runs");

    Run hot = apply("--rollout-policy", "HotReload");
    assertEquals(0, hot.code(), hot.err());
    assertEquals("img:v2", image(), "HotReload: the restart change goes out at once");

    Run bad = apply("--rollout-policy", "Sometimes");
    assertEquals(ExitCode.USAGE, bad.code());
    assertTrue(bad.err().contains("invalid rollout policy 'Sometimes'"), bad.err());
  }
}
