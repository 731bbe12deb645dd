package dev.roster.cli;

import dev.roster.engine.Engine;
import dev.roster.engine.OfflinePlanner;
import dev.roster.plan.Plan;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roster plan}: what apply would do, or what a revision changes against another. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Show what apply would change: desired (Git) against live (cluster).",
        "With --base REF, compare desired at REF with desired at --ref, offline (no cluster)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok (no changes, or changes without --detailed-exit-code)",
        "2:usage error", "3:the config repo has errors", "4:changes pending (--detailed-exit-code)",
        "6:source or cluster unreachable, or it refused the request", "1:internal error"})
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin ClusterOptions cluster;
  @Mixin RepoOptions repo;
  @Mixin RolloutOptions rollout;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json, yaml or markdown. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Option(names = "--detailed-exit-code", description = "Exit 4 when there are changes.")
  boolean detailedExitCode;

  @Option(names = "--base", paramLabel = "REF",
      description = "Compare against desired state at REF instead of the cluster (offline).")
  String base;

  @Override
  public Integer call() {
    try (Sessions s = new Sessions(source)) {
      Engine.Settings settings = Sessions.settings(source, cluster, repo, rollout);
      SchemaCatalog catalog = SchemaCatalog.load(repo.schemaDirs);
      Snapshot head = s.source.snapshot(s.spec);
      Plan plan;
      if (base != null) {
        plan = OfflinePlanner.plan(catalog, settings, s.source.at(s.spec, base), head);
      } else {
        plan = Engine.oneShot(catalog, s.client(cluster), settings).plan(head).plan();
      }
      Render.plan(plan, output, spec.commandLine().getOut());
      return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    } catch (RuntimeException e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
