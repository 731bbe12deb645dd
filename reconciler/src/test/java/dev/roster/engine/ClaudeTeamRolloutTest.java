package dev.roster.engine;

import static dev.roster.engine.RolloutFixture.at;
import static dev.roster.engine.RolloutFixture.change;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.plan.RolloutState;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * claude-teams-operator AgentTeams (platform-crds §3.5): a spec edit mid-run reaches only
 * teammates spawned later, so Roster holds it while the team runs and lets it out once the team
 * is done.
 */
class ClaudeTeamRolloutTest {
  static final ResourceDefinitionContext TEAM = RolloutFixture.ctx("claude.amcheste.io",
      "v1alpha1", "AgentTeam", "agentteams");

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

  void team(String prompt, String label) {
    f.write("team.yaml", """
        apiVersion: claude.amcheste.io/v1alpha1
        kind: AgentTeam
        metadata:
          name: refactor
          labels: {tier: %s}
          annotations: {roster.dev/external-refs: "Secret/*"}
        spec:
          repository: {url: "https://github.com/acme/backend.git"}
          auth: {apiKeySecret: anthropic}
          lead: {model: opus, prompt: "%s"}
          teammates:
            - {name: backend, model: sonnet, prompt: implement it}
        """.formatted(label, prompt));
  }

  @Test
  void specEditHeldWhileRunningAndReleasedWhenCompleted() {
    team("coordinate the refactor", "a");
    f.sync();
    f.status(TEAM, "default", "refactor", Map.of("phase", "Running"));

    team("coordinate the smaller refactor", "b");
    var c = change(f.sync(), "AgentTeam", "refactor");
    assertEquals(RolloutState.Marker.NEW_RUN, c.rollout().marker());
    assertEquals(RolloutState.Hold.HELD, c.rollout().hold());
    assertEquals("WaitingForTasks", c.rollout().reason());
    var live = f.get(TEAM, "default", "refactor");
    assertEquals("coordinate the refactor", at(live, "spec", "lead", "prompt"));
    assertEquals("b", live.getMetadata().getLabels().get("tier")); // metadata is in place

    f.status(TEAM, "default", "refactor", Map.of("phase", "Completed"));
    var released = change(f.sync(), "AgentTeam", "refactor");
    assertEquals(RolloutState.Hold.NONE, released.rollout().hold());
    assertEquals("coordinate the smaller refactor",
        at(f.get(TEAM, "default", "refactor"), "spec", "lead", "prompt"));
  }
}
