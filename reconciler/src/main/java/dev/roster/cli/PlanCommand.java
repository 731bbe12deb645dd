package dev.roster.cli;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.Applier;
import dev.roster.engine.Engine;
import dev.roster.engine.OfflinePlanner;
import dev.roster.plan.Action;
import dev.roster.plan.Plan;
import dev.roster.plan.SavedPlan;
import dev.roster.source.Snapshot;
import dev.roster.validate.SchemaCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code roster plan}: what apply would do, or what a revision changes against another. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Show what apply would change: desired (Git) against live (cluster).",
        "With --base REF, compare desired at REF with desired at --ref, offline (no cluster)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok (nothing for apply to write, or any plan without --detailed-exit-code)",
        "2:usage error (also a --ref or --base the repo lacks, e.g. in a shallow clone;"
            + " --max-bytes below 4096)", "3:the config repo has errors (at head or base)", "4:changes pending (--detailed-exit-code)",
        "5:apply would fail: an object is refused, or the mass-prune guard would refuse the"
            + " prunes (--detailed-exit-code); or the inventory is corrupt (see 'apply"
            + " --rebuild-inventory')",
        "6:source or cluster unreachable, or it refused the request", "1:internal error"})
final class PlanCommand implements Callable<Integer> {
  /** The smallest --max-bytes: room for the heading, the agents section and the closing note. */
  static final long MIN_BYTES = 4_096;

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin ClusterOptions cluster;
  @Mixin RepoOptions repo;
  @Mixin RolloutOptions rollout;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json, yaml or markdown. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Option(names = "--detailed-exit-code",
      description = "Exit as apply would: 5 when it would refuse an object or the prunes, else 4"
          + " when it would write (or forget an orphan, or a change is held), else 0.")
  boolean detailedExitCode;

  @Option(names = "--allow-mass-prune",
      description = "With --detailed-exit-code: predict an apply given --allow-mass-prune.")
  boolean allowMassPrune;

  @Option(names = "--max-prune-ratio", paramLabel = "R", defaultValue = "0.25",
      description = "With --detailed-exit-code: predict an apply given this --max-prune-ratio."
          + " Default: ${DEFAULT-VALUE}.")
  double maxPruneRatio;

  @Option(names = "--base", paramLabel = "REV",
      description = "Compare against desired state at REV instead of the cluster (offline): a"
          + " branch, tag, SHA or revision expression (origin/main, HEAD~2). A shallow clone"
          + " needs the base's history: git fetch --unshallow, or fetch-depth: 0.")
  String base;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "60000",
      description = "-o markdown: keep the comment under N bytes (diffs collapse to one line per"
          + " object, and the comment says what was left out). Default: ${DEFAULT-VALUE}.")
  long maxBytes;

  @Option(names = "--full-plan-url", paramLabel = "URL",
      description = "-o markdown: where the full plan is (e.g. the CI run that saved it),"
          + " named in a comment shortened to fit --max-bytes.")
  String fullPlanUrl;

  @Option(names = "--rebuild-inventory",
      description = "Show what 'apply --rebuild-inventory' would do: objects labelled"
          + " roster.dev/source=<source> with Roster's provenance that the inventory does not list"
          + " join it, so those Git no longer defines show as prunes.")
  boolean rebuildInventory;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Also save the plan to FILE (JSON) for 'apply --plan FILE', which applies"
          + " exactly this plan, or refuses if the revision or a planned object moved since.")
  java.nio.file.Path out;

  @Override
  public Integer call() {
    if (maxBytes < MIN_BYTES) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--max-bytes':"
          + " " + maxBytes + " is below " + MIN_BYTES + " (the comment's heading and notes need"
          + " room)");
    }
    rollout.warn(spec.commandLine().getErr());
    try (Sessions s = new Sessions(source)) {
      Engine.Settings settings = Sessions.settings(source, cluster, repo, rollout);
      SchemaCatalog catalog = SchemaCatalog.load(repo.schemaDirs);
      Snapshot head = s.source.snapshot(s.spec);
      Plan plan;
      String baseRevision = null;
      if (base != null) {
        if (out != null) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out saves a"
              + " plan against the cluster for 'apply --plan'; it cannot be used with --base");
        }
        Snapshot at = s.source.at(s.spec, base);
        baseRevision = at.revision();
        plan = OfflinePlanner.plan(catalog, settings, at, head);
      } else {
        Engine engine = Engine.oneShot(catalog, s.client(cluster), settings);
        if (rebuildInventory) {
          engine.rebuildInventory();
        }
        plan = engine.plan(head).plan();
        if (out != null) {
          SavedPlanFile.write(SavedPlan.of(plan, head.repo(),
              s.client(cluster).getMasterUrl().toString()), out, spec);
        }
      }
      Render.plan(plan, new PlanView(baseRevision, maxBytes, fullPlanUrl, rollout.mode()), output,
          spec.commandLine().getOut());
      return detailedExitCode ? predicted(plan, ApplyOptions.defaults()
          .withAllowMassPrune(allowMassPrune).withMaxPruneRatio(maxPruneRatio)) : ExitCode.OK;
    } catch (RuntimeException e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }

  /**
   * The exit code apply would return for {@code plan}, as {@code --detailed-exit-code} reports
   * it: {@link ExitCode#APPLY_FAILED} when an object is refused or the mass-prune guard would
   * refuse the prunes; {@link ExitCode#CHANGES} when apply would write, a change is held, or an
   * orphan would leave the inventory; else {@link ExitCode#OK} (fields left to the platform or
   * ignored are listed by the plan, and apply writes nothing for them).
   */
  static int predicted(Plan plan, ApplyOptions options) {
    if (plan.count(Action.REFUSED) > 0 || Applier.pruneRefusal(plan, options) != null) {
      return ExitCode.APPLY_FAILED;
    }
    return plan.hasChanges() || plan.count(Action.ORPHANED) > 0 ? ExitCode.CHANGES : ExitCode.OK;
  }
}
