package dev.roster.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agent state reaches {@code roster status}: after {@code roster apply}, objects in a state their
 * profile names (a KubeOpenCode Agent whose server is not ready, one waiting on a git sync, a
 * komputer agent asleep) are listed in the text and in {@code -o json}; an apply with nothing to
 * write still records a change of state.
 */
class AgentStatesE2eTest {
  static final String KOC = "kubeopencode.io/v1alpha1";
  static final String KOMPUTER = "komputer.komputer.ai/v1alpha1";

  @TempDir Path dir;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(dir);
    f.write("roster.yaml", """
        apiVersion: roster.dev/v1alpha1
        kind: RepoConfig
        externalRefs: [ServiceAccount/kubeopencode-agent]
        """);
    for (String name : new String[] {"coder", "reviewer"}) {
      f.write(name + ".yaml", """
          apiVersion: kubeopencode.io/v1alpha1
          kind: Agent
          metadata: {name: %s, namespace: default}
          spec: {workspaceDir: /workspace, serviceAccountName: kubeopencode-agent}
          """.formatted(name));
    }
    f.write("researcher.yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata: {name: researcher, namespace: default}
        spec: {instructions: research}
        """);
    f.commit("agents");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void status(String apiVersion, String kind, String name, Map<String, Object> status) {
    var op = f.client.genericKubernetesResources(apiVersion, kind).inNamespace("default");
    GenericKubernetesResource r = op.withName(name).get();
    r.setAdditionalProperty("status", status);
    op.resource(r).updateStatus();
  }

  static Map<String, Object> condition(String type, String status, String reason) {
    return Map.of("type", type, "status", status, "reason", reason, "message", "",
        "lastTransitionTime", "2026-01-01T00:00:00Z");
  }

  @Test
  void statusListsAgentStatesAfterApply() throws Exception {
    f.applyOk();
    E2eFixture.Run quiet = E2eFixture.roster("status", "--kubeconfig", f.kubeconfig.toString(),
        "--source-name", E2eFixture.SOURCE);
    assertEquals(0, quiet.exit(), quiet::toString);
    assertTrue(!quiet.out().contains("Agent states"), quiet::toString);

    status(KOC, "Agent", "coder", Map.of("ready", false, "conditions", java.util.List.of(
        condition("Suspended", "False", "Active"),
        condition("ServerReady", "False", "DeploymentNotReady"))));
    status(KOC, "Agent", "reviewer", Map.of("ready", true, "conditions", java.util.List.of(
        condition("ServerReady", "True", "DeploymentReady"),
        condition("GitSyncPending", "True", "WaitingForTasks"))));
    status(KOMPUTER, "KomputerAgent", "researcher", Map.of("phase", "Sleeping"));
    f.applyOk(); // nothing to write, but the states changed: recorded

    E2eFixture.Run text = E2eFixture.roster("status", "--kubeconfig", f.kubeconfig.toString(),
        "--source-name", E2eFixture.SOURCE);
    assertEquals(0, text.exit(), text::toString);
    assertTrue(text.out().contains("Agent states:"), text::toString);
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("Agent/default/coder")
        && l.contains("NotReady (unhealthy)")
        && l.contains("condition ServerReady=False (DeploymentNotReady)")), text::toString);
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("Agent/default/reviewer")
        && l.contains("GitSyncPending ")), text::toString);
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("KomputerAgent/default/researcher")
        && l.contains("Sleeping")), text::toString);

    E2eFixture.Run json = E2eFixture.roster("status", "--kubeconfig", f.kubeconfig.toString(),
        "--source-name", E2eFixture.SOURCE, "-o", "json");
    assertEquals(0, json.exit(), json::toString);
    JsonNode doc = JsonMapper.builder().build().readTree(json.out());
    JsonNode states = (doc.isArray() ? doc.get(0) : doc).get("states");
    assertEquals(3, states.size(), json::toString);
    JsonNode coder = null;
    for (JsonNode s : states) {
      if ("Agent/default/coder".equals(s.get("object").asString())) {
        coder = s;
      }
    }
    assertEquals("NotReady", coder.get("state").asString(), json::toString);
    assertTrue(coder.get("unhealthy").asBoolean(), json::toString);
  }
}
