package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --detailed-exit-code} predicts what {@code apply} then returns (5 refused, 4
 * writes, 0 nothing to write), and {@code --ignore-fields} leaves live-only changes alone while
 * Git's still go through.
 */
class PlanPredictsApplyE2eTest {
  @TempDir Path tmp;
  E2eFixture f;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.commit("seven objects");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aRefusedObjectExitsFiveInPlanAsInApply() {
    f.applyOk();
    f.client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("legacy").withNamespace(NS).endMetadata().addToData("v", "theirs").build())
        .create();
    f.write("agents/legacy.yaml", Manifests.plainConfigMap("legacy", "ours"));
    f.commit("claim legacy");
    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(5, plan.exit(), plan::toString);
    assertEquals(5, f.apply().exit());
    assertEquals(5, f.plan("--detailed-exit-code").exit(), "still refused");
  }

  @Test
  void changesExitFourThenZeroOnceApplied() {
    assertEquals(4, f.plan("--detailed-exit-code").exit());
    assertEquals(0, f.plan().exit(), "without the flag");
    f.applyOk();
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }

  @Test
  void anOrphanIsAChangeApplyForgetsIt() {
    f.applyOk();
    f.patchLive("v1", "ConfigMap", NS, "agent-config", "[{\"op\": \"add\", \"path\":"
        + " \"/metadata/annotations/roster.dev~1prune\", \"value\": \"disabled\"}]");
    f.delete(Manifests.CONFIGMAP_FILE);
    f.commit("drop the config map");
    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(4, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("= orphaned v1 ConfigMap agents/agent-config"), plan::toString);
    assertEquals(0, f.apply().exit(), "apply leaves an orphan and succeeds");
    assertEquals(0, f.plan("--detailed-exit-code").exit(), "forgotten: nothing left to do");
  }

  @Test
  void aPruneTheMassPruneGuardRefusesExitsFive() {
    f.applyOk();
    f.delete(Manifests.CONFIGMAP_FILE).delete(Manifests.TASK_FILE)
        .delete(Manifests.KOMPUTER_FILE);
    f.commit("drop three of seven");
    E2eFixture.Run plan = f.plan("--detailed-exit-code");
    assertEquals(5, plan.exit(), plan::toString);
    assertEquals(5, f.apply().exit());
    assertEquals(4, f.plan("--detailed-exit-code", "--allow-mass-prune").exit());
    assertEquals(4, f.plan("--detailed-exit-code", "--max-prune-ratio", "0.5").exit());
  }

  @Test
  void ignoreFieldsLeavesLiveOnlyChangesAloneAndAppliesGitChanges() {
    f.applyOk();
    f.patchLive(KOC, "Agent", NS, "team-agent", "[{\"op\": \"replace\", \"path\":"
        + " \"/spec/maxConcurrentTasks\", \"value\": 9}]");
    String ignore = "Agent=/spec/maxConcurrentTasks,/spec/profile";
    // the first pass with the rule records Git's value (a record-only write) and leaves live
    E2eFixture.Run first = f.plan("--detailed-exit-code", "--ignore-fields", ignore);
    assertEquals(4, first.exit(), first::toString);
    assertTrue(first.out().contains("not written: /spec/maxConcurrentTasks (ignored: "),
        first::toString);
    assertEquals(0, f.apply("--ignore-fields", ignore).exit());
    E2eFixture.Run plan = f.plan("--detailed-exit-code", "--ignore-fields", ignore);
    assertEquals(0, plan.exit(), plan::toString);
    assertTrue(plan.out().startsWith("  unchanged kubeopencode.io/v1alpha1 Agent"
        + " agents/team-agent"), plan::toString);
    assertTrue(plan.out().contains("In sync with revision "), plan::toString);
    assertTrue(plan.out().contains("except 1 field not written: Agent agents/team-agent"
        + " /spec/maxConcurrentTasks (ignored)."), plan::toString);
    assertEquals(9, ((Number) E2eFixture.field(f.live(KOC, "Agent", NS, "team-agent"), "spec")
        .get("maxConcurrentTasks")).intValue(), "left alone");
    // group/Kind works too; without the flag it is plain drift
    assertEquals(0, f.plan("--detailed-exit-code", "--ignore-fields",
        "kubeopencode.io/Agent=/spec/maxConcurrentTasks,/spec/profile").exit());
    assertEquals(4, f.plan("--detailed-exit-code").exit());

    f.write(Manifests.AGENT_FILE, Manifests.agent("team-agent", 5));
    f.commit("five tasks");
    E2eFixture.Run edit = f.plan("--detailed-exit-code", "--ignore-fields", ignore);
    assertEquals(4, edit.exit(), edit::toString);
    assertTrue(edit.outLines().contains("    +  maxConcurrentTasks: 5"), edit::toString);
    assertEquals(0, f.apply("--ignore-fields", ignore).exit());
    assertEquals(5, ((Number) E2eFixture.field(f.live(KOC, "Agent", NS, "team-agent"), "spec")
        .get("maxConcurrentTasks")).intValue(), "Git's change is written");
  }

  @Test
  void aMalformedIgnoreFieldsIsAUsageError() {
    E2eFixture.Run r = f.plan("--ignore-fields", "Agent:spec.profile");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("expected KIND=POINTER[,POINTER…]"), r::toString);
  }
}
