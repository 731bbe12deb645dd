package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's loose ends, end to end on the embedded cluster: komputer's {@code default} template
 * reaches the agents that leave {@code templateRef} out; AgentTeam (both groups) is a run that is
 * never re-created once its owner deleted it; an AgentTeamTemplate reaches the runs that name it.
 */
class TemplatesAndTeamsTest {
  static final ResourceDefinitionContext KA = RolloutFixture.ctx("komputer.komputer.ai",
      "v1alpha1", "KomputerAgent", "komputeragents");

  @TempDir Path dir;
  RolloutFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void komputerTemplate(String name, String image) {
    f.write("tpl-" + name + ".yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgentTemplate
        metadata: {name: %s}
        spec:
          podSpec:
            containers: [{name: agent, image: "%s"}]
        """.formatted(name, image));
  }

  void komputerAgent(String name, String templateRef) {
    f.write("ka-" + name + ".yaml", """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata: {name: %s}
        spec: {instructions: research%s}
        """.formatted(name, templateRef == null ? "" : ", templateRef: " + templateRef));
  }

  @Test
  void defaultTemplateChangeIsHeldWhileAnAgentWithoutTemplateRefIsBusy() {
    komputerTemplate("default", "agent:1");
    komputerTemplate("special", "agent:1");
    komputerAgent("plain", null); // komputer gives it the template "default"
    komputerAgent("named", "special");
    f.sync();
    f.status(KA, "default", "plain", Map.of("phase", "Running", "taskStatus", "InProgress"));

    komputerTemplate("default", "agent:2");
    komputerTemplate("special", "agent:2");
    var plan = f.sync();
    Change held = change(plan, "KomputerAgentTemplate", "default");
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals(List.of("KomputerAgent/default/plain"), held.rollout().reached());
    assertEquals(RolloutState.Hold.NONE,
        change(plan, "KomputerAgentTemplate", "special").rollout().hold(),
        "the busy agent does not use this one");
    assertEquals("agent:1", image(f.get(tpl(), "default", "default")));
    assertEquals("agent:2", image(f.get(tpl(), "default", "special")));

    f.status(KA, "default", "plain", Map.of("phase", "Running", "taskStatus", "Complete"));
    assertEquals(RolloutState.Hold.NONE,
        change(f.sync(), "KomputerAgentTemplate", "default").rollout().hold());
    assertEquals("agent:2", image(f.get(tpl(), "default", "default")));
  }

  @Test
  void aTemplatePruneWaitsForTheBusyAgentsItReaches() throws Exception {
    komputerTemplate("special", "agent:1");
    komputerAgent("named", "special");
    for (String k : new String[] {"k1", "k2", "k3", "k4", "k5"}) {
      f.write(k + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + k
          + "}\ndata: {k: v}\n"); // a prune of one in eight stays under --max-prune-ratio
    }
    f.sync();
    f.status(KA, "default", "named", Map.of("phase", "Running", "taskStatus", "InProgress"));

    // the template leaves Git; the agent still names it (resolved live)
    java.nio.file.Files.delete(dir.resolve("tpl-special.yaml"));
    Change held = change(f.sync(), "KomputerAgentTemplate", "special");
    assertEquals(Action.PRUNE, held.action());
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals(List.of("KomputerAgent/default/named"), held.rollout().reached());
    assertNotNull(f.get(tpl(), "default", "special"));

    f.status(KA, "default", "named", Map.of("phase", "Running", "taskStatus", "Complete"));
    Change go = change(f.sync(), "KomputerAgentTemplate", "special");
    assertEquals(RolloutState.Hold.NONE, go.rollout().hold());
    assertNull(f.get(tpl(), "default", "special"));
  }

  static ResourceDefinitionContext tpl() {
    return RolloutFixture.ctx("komputer.komputer.ai", "v1alpha1", "KomputerAgentTemplate",
        "komputeragenttemplates");
  }

  @SuppressWarnings("unchecked")
  static String image(io.fabric8.kubernetes.api.model.GenericKubernetesResource r) {
    List<Map<String, Object>> cs = (List<Map<String, Object>>) at(r, "spec", "podSpec",
        "containers");
    return (String) cs.get(0).get("image");
  }

  void team(String group, String prompt, String rerun) {
    f.write("team.yaml", """
        apiVersion: %s/v1alpha1
        kind: AgentTeam
        metadata:
          name: refactor
          annotations: {roster.dev/external-refs: "Secret/*"%s}
        spec:
          repository: {url: "https://github.com/acme/backend.git"}
          auth: {apiKeySecret: anthropic}
          lead: {model: opus, prompt: "%s"}
          teammates:
            - {name: backend, model: sonnet, prompt: implement it}
        """.formatted(group, rerun == null ? "" : ", roster.dev/rerun: \"" + rerun + "\"",
        prompt));
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude.amcheste.io", "kagents.dev"})
  void aFinishedTeamItsOwnerDeletedIsNotRecreatedUntilRerunChanges(String group) {
    var teams = RolloutFixture.ctx(group, "v1alpha1", "AgentTeam", "agentteams");
    f.configMaps("keeper"); // keeps the desired state non-empty
    team(group, "coordinate the refactor", null);
    assertEquals(Action.CREATE, change(f.sync(), "AgentTeam", "refactor").action());
    f.status(teams, "default", "refactor", Map.of("phase", "Completed"));
    f.cluster.client().genericKubernetesResources(teams).inNamespace("default")
        .withName("refactor").delete(); // its owner, once it finished

    Change c = change(f.sync(), "AgentTeam", "refactor");
    assertTrue(c.completed(), c.toString());
    assertTrue(c.reason().contains("finished team"), c.reason());
    assertNull(f.get(teams, "default", "refactor"));

    team(group, "coordinate the refactor", "2");
    assertEquals(Action.CREATE, change(f.sync(), "AgentTeam", "refactor").action());
    assertNotNull(f.get(teams, "default", "refactor"));
  }

  void teamTemplate(String group, String prompt) {
    f.write("template.yaml", """
        apiVersion: %s/v1alpha1
        kind: AgentTeamTemplate
        metadata: {name: review}
        spec:
          description: review
          teammates:
            - {name: security, prompt: "%s"}
        """.formatted(group, prompt));
  }

  void teamRun(String group, String name) {
    f.write("run-" + name + ".yaml", """
        apiVersion: %s/v1alpha1
        kind: AgentTeamRun
        metadata:
          name: %s
          annotations: {roster.dev/external-refs: "Secret/*"}
        spec:
          templateRef: {name: review}
          repository: {url: "https://github.com/acme/backend.git"}
          auth: {apiKeySecret: anthropic}
          lead: {prompt: review it}
        """.formatted(group, name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude.amcheste.io", "kagents.dev"})
  void aTeamTemplateChangeWaitsForTheRunsThatUseIt(String group) {
    var runs = RolloutFixture.ctx(group, "v1alpha1", "AgentTeamRun", "agentteamruns");
    var templates = RolloutFixture.ctx(group, "v1alpha1", "AgentTeamTemplate",
        "agentteamtemplates");
    teamTemplate(group, "check auth");
    teamRun(group, "q3");
    f.sync();
    f.status(runs, "default", "q3", Map.of("phase", "Running"));

    teamTemplate(group, "check auth and input handling");
    Change held = change(f.sync(), "AgentTeamTemplate", "review");
    assertEquals(RolloutState.Hold.HELD, held.rollout().hold());
    assertEquals("WaitingForTasks", held.rollout().reason());
    assertEquals(List.of("AgentTeamRun/default/q3"), held.rollout().reached());
    assertEquals("check auth", prompt(f.get(templates, "default", "review")));

    f.status(runs, "default", "q3", Map.of("phase", "Completed"));
    assertEquals(RolloutState.Hold.NONE,
        change(f.sync(), "AgentTeamTemplate", "review").rollout().hold());
    assertEquals("check auth and input handling", prompt(f.get(templates, "default", "review")));
  }

  @SuppressWarnings("unchecked")
  static String prompt(io.fabric8.kubernetes.api.model.GenericKubernetesResource r) {
    List<Map<String, Object>> ts = (List<Map<String, Object>>) at(r, "spec", "teammates");
    return (String) ts.get(0).get("prompt");
  }
}
