package dev.roster.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The old policy word {@code HotReload} still works (as Immediate), and every output says what it
 * does: plan text, json and markdown, apply's stderr, and {@code --rollout-policy HotReload}.
 */
class HotReloadWarningE2eTest {
  static final String SAYS = "HotReload is read as Immediate: restart-class changes are applied"
      + " at once, restarting the agent even while it works; KubeOpenCode's HotReload means the"
      + " opposite (files updated, no restart)";

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
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  void agent(String annotations) {
    f.write("coder.yaml", """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata: {name: coder, namespace: default%s}
        spec: {workspaceDir: /workspace, serviceAccountName: kubeopencode-agent}
        """.formatted(annotations));
    f.commit("agent");
  }

  @Test
  void theAnnotationIsAWarningInEveryOutput() throws Exception {
    agent(", annotations: {roster.dev/rollout: HotReload}");
    String line = "warning: 1 object(s) say roster.dev/rollout: HotReload (Agent/default/coder): "
        + SAYS + "; write Immediate (or Rollout to wait for work in flight)";

    E2eFixture.Run text = f.plan();
    assertTrue(text.outLines().contains(line), text::toString);
    E2eFixture.Run json = f.plan("-o", "json");
    JsonNode warnings = JsonMapper.builder().build().readTree(json.out()).get("warnings");
    assertEquals(1, warnings.size(), json::toString);
    assertTrue(warnings.get(0).asString().contains(SAYS), json::toString);
    E2eFixture.Run md = f.plan("-o", "markdown");
    assertTrue(md.out().contains("roster.dev/rollout: HotReload"), md::toString);

    E2eFixture.Run apply = f.applyOk();
    assertTrue(apply.err().lines().anyMatch(l -> l.contains(SAYS)), apply::toString);

    agent(", annotations: {roster.dev/rollout: Immediate}");
    E2eFixture.Run quiet = f.plan();
    assertFalse(quiet.out().contains("warning:"), quiet::toString);
  }

  @Test
  void theFlagIsAWarningOnStderr() {
    agent("");
    E2eFixture.Run r = f.plan("--rollout-policy", "HotReload");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().contains("roster: warning: --rollout-policy " + SAYS), r::toString);
    E2eFixture.Run plain = f.plan("--rollout-policy", "Immediate");
    assertFalse(plain.err().contains("HotReload"), plain::toString);
  }
}
