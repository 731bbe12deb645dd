package dev.roster.e2e;

import static dev.roster.e2e.Manifests.KOC;
import static dev.roster.e2e.Manifests.NS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.engine.Engine;
import dev.roster.load.LoadOptions;
import dev.roster.plan.Action;
import dev.roster.source.GitSource;
import dev.roster.source.SourceSpec;
import dev.roster.validate.SchemaCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another actor writes between Roster's read and its write. Driven through {@link Engine} (what
 * {@code roster apply} runs) so the write can be placed exactly between plan and apply, with no
 * timing: the JSON Patch's resourceVersion test fails, and the object is re-planned and retried.
 */
class ConflictE2eTest {
  @TempDir Path tmp;
  E2eFixture f;
  GitSource source;
  Engine engine;

  @BeforeEach
  void setUp() {
    f = E2eFixture.start(tmp);
    Manifests.writeStandard(f);
    f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the failing tests.", "1h"));
    f.commit("seven objects");
    f.applyOk();
    f.write(Manifests.TASK_FILE, Manifests.task("fix-tests", "Fix the failing tests.", "2h"));
    f.commit("give the task longer");
    source = new GitSource();
    engine = Engine.oneShot(SchemaCatalog.bundled(), f.client, new Engine.Settings(E2eFixture.SOURCE,
        "default", "default", LoadOptions.defaults(), false));
  }

  @AfterEach
  void tearDown() {
    source.close();
    f.close();
  }

  private Engine.PlanRun plan() {
    Engine.PlanRun run = engine.plan(source.snapshot(new SourceSpec(f.url(), null, null,
        f.cache)));
    assertEquals(1, run.plan().count(Action.UPDATE));
    return run;
  }

  @Test
  void retriesAnUpdateWhenTheObjectChangedSinceThePlan() {
    Engine.PlanRun run = plan();
    f.patchLive(KOC, "Task", NS, "fix-tests", """
        [{"op": "replace", "path": "/spec/timeout", "value": "3h"},
         {"op": "add", "path": "/metadata/labels/owner", "value": "someone-else"}]""");
    f.requests().reset();

    ApplyResult result = engine.apply(run, ApplyOptions.defaults());

    assertEquals(List.of(), result.failures());
    assertEquals(1, result.count(Action.UPDATE, Outcome.Status.APPLIED));
    assertEquals(2, f.requests().count("PATCH"), "the stale patch, then the re-planned one: "
        + f.requests());
    Map<String, Object> spec = E2eFixture.field(f.live(KOC, "Task", NS, "fix-tests"), "spec");
    assertEquals("2h", spec.get("timeout"), "Git's value wins the retry");
    assertEquals("someone-else", f.live(KOC, "Task", NS, "fix-tests").getMetadata().getLabels()
        .get("owner"), "the other actor's field survives the retry");
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }

  @Test
  void createsAgainWhenTheObjectWasDeletedSinceThePlan() {
    Engine.PlanRun run = plan();
    f.client.genericKubernetesResources(KOC, "Task").inNamespace(NS).withName("fix-tests")
        .delete();

    ApplyResult result = engine.apply(run, ApplyOptions.defaults());

    assertEquals(List.of(), result.failures());
    assertEquals("2h", E2eFixture.field(f.live(KOC, "Task", NS, "fix-tests"),
        "spec").get("timeout"));
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }

  @Test
  void skipsTheUpdateWhenAnotherActorAlreadyMadeIt() {
    Engine.PlanRun run = plan();
    f.patchLive(KOC, "Task", NS, "fix-tests",
        "[{\"op\": \"replace\", \"path\": \"/spec/timeout\", \"value\": \"2h\"}]");
    f.requests().reset();

    ApplyResult result = engine.apply(run, ApplyOptions.defaults());

    assertEquals(List.of(), result.failures());
    assertEquals(1, f.requests().count("PATCH"), "only the stale patch: " + f.requests());
    assertEquals(List.of(Outcome.Status.SKIPPED), result.outcomes().stream()
        .filter(o -> o.change().key().kind().equals("Task")).map(Outcome::status).toList());
    assertEquals("2h", E2eFixture.field(f.live(KOC, "Task", NS, "fix-tests"),
        "spec").get("timeout"));
    assertEquals(0, f.plan("--detailed-exit-code").exit());
  }
}
