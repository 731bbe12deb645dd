package dev.roster.cli;

import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyProgress;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Outcome;
import dev.roster.engine.Engine;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Plan;
import dev.roster.validate.SchemaCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roster apply}: make the cluster match the repo, then prune what Git no longer has. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply the config repo to the cluster in dependency order, then prune objects"
        + " this source applied before and Git no longer defines."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:applied (or nothing to do)", "2:usage error",
        "3:the config repo has errors; nothing applied",
        "5:an object failed or was refused, prune was refused (nothing deleted), another apply"
            + " of the source held its lock, the inventory is corrupt, or (--plan) the revision"
            + " or a planned object moved since the saved plan (nothing written)",
        "6:source or cluster unreachable; nothing applied", "1:internal error"})
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin ClusterOptions cluster;
  @Mixin RepoOptions repo;
  @Mixin RolloutOptions rollout;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json, yaml or markdown (for the plan; with json, yaml or markdown"
          + " the apply summary goes to stderr). Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Option(names = "--show-bodies", description = "In text output, print each created object's"
      + " YAML under its line (by default a create is one line; -o json|yaml|markdown always"
      + " carry the objects).")
  boolean showBodies;

  @Option(names = "--dry-run", description = "Print the plan and write nothing.")
  boolean dryRun;

  @Option(names = "--server-side",
      description = "Use server-side apply (field manager 'roster', conflicts forced) instead of"
          + " the default three-way JSON Patch. For real clusters.")
  boolean serverSide;

  @Option(names = "--allow-mass-prune",
      description = "Prune even when desired is empty or prune exceeds --max-prune-ratio.")
  boolean allowMassPrune;

  @Option(names = "--max-prune-ratio", paramLabel = "R", defaultValue = "0.25",
      description = "Largest share of managed objects one apply may prune. Default: ${DEFAULT-VALUE}.")
  double maxPruneRatio;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "1m",
      converter = FlagConverters.DurationConverter.class,
      description = "How long to wait while another apply of this source (CLI or serve) holds"
          + " its lock, the Lease roster-apply-<source>. Default: ${DEFAULT-VALUE}.")
  java.time.Duration lockTimeout;

  @Option(names = "--rebuild-inventory",
      description = "Rebuild the source's inventory from Git and the objects labelled"
          + " roster.dev/source=<source> live that carry Roster's provenance (after it was lost,"
          + " emptied or corrupted); those Git no longer defines are pruned, under the"
          + " mass-prune guard. See it first with 'plan --rebuild-inventory'.")
  boolean rebuildInventory;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "Writes in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "Apply exactly the plan 'plan --out FILE' saved: refuse (exit 5, nothing"
          + " written) if the revision, or any planned object's live state, moved since.")
  java.nio.file.Path savedPlan;

  @Option(names = {"-q", "--quiet"},
      description = "Print only the outcome: no plan, no progress; the summary line, and what"
          + " Roster failed, refused, held, kept or left unwritten, with why.")
  boolean quiet;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
      converter = FlagConverters.DurationConverter.class,
      description = "While writes run longer than this, a progress line on stderr this often"
          + " (rewritten in place on a terminal). Default: ${DEFAULT-VALUE}.")
  java.time.Duration progressInterval;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    rollout.warn(err);
    try (Sessions s = new Sessions(source)) {
      try {
        ApplyStatus status = new ApplyStatus(s.client(cluster), cluster.inventoryNamespace,
            source.sourceName(), source.repo, source.ref);
        Engine engine = Engine.oneShot(SchemaCatalog.load(repo.schemaDirs), s.client(cluster),
            Sessions.settings(source, cluster, repo, rollout));
        if (rebuildInventory) {
          engine.rebuildInventory();
        }
        dev.roster.source.Snapshot head = s.source.snapshot(s.spec);
        Engine.PlanRun run = engine.plan(head);
        if (savedPlan != null) {
          SavedPlanFile.bind(SavedPlanFile.read(savedPlan, spec), run.plan(), head,
              s.client(cluster), savedPlan, err);
        }
        if (!quiet) {
          Render.plan(run.plan(), output, out, showBodies);
        }
        // With -o json or markdown, stdout holds only the plan document: the summary goes to
        // stderr.
        PrintWriter summary = output == OutputFormat.text || quiet ? out : err;
        if (dryRun) {
          summary.println("Dry run: nothing written.");
          return ExitCode.OK;
        }
        ApplyResult result = engine.apply(run,
            ApplyOptions.defaults().withServerSide(serverSide)
                .withAllowMassPrune(allowMassPrune).withMaxPruneRatio(maxPruneRatio)
                .withConcurrency(concurrency).withLockTimeout(lockTimeout)
                .withExact(savedPlan != null)
                .withProgress(quiet ? ApplyProgress.NONE
                    : ProgressLines.toStderr(err, progressInterval)));
        if (quiet) { // the plan is not printed: fields left alone are named here
          notWritten(run.plan(), summary);
        }
        report(result, run.plan(), summary, err);
        long refused = run.plan().count(Action.REFUSED);
        status.applied(run.plan(), result, refused, err);
        return result.failed() || refused > 0 ? ExitCode.APPLY_FAILED : ExitCode.OK;
      } catch (RuntimeException e) {
        return Failures.report(e, err);
      }
    }
  }

  /**
   * Failures and refusals (stderr), what was held or kept back (the summary's writer), then
   * {@code Apply: N created, N updated, N pruned, N failed}, with {@code , N refused}, {@code , N
   * held} and {@code , N kept} when not zero.
   */
  private static void report(ApplyResult r, Plan plan, PrintWriter out, PrintWriter err) {
    for (Outcome o : r.failures()) {
      err.println("failed: " + o.change().action().name().toLowerCase() + " "
          + object(o.change()) + ": " + o.message());
    }
    for (Change c : plan.of(Action.REFUSED)) {
      err.println("refused: " + object(c) + ": " + c.reason());
    }
    for (Change c : plan.held()) {
      out.println("held: " + object(c) + ": " + c.rollout().describe());
    }
    for (Change c : plan.of(Action.ORPHANED)) {
      out.println("kept: " + object(c) + ": " + c.reason());
    }
    long refused = plan.count(Action.REFUSED);
    long kept = plan.count(Action.ORPHANED);
    out.printf("Apply: %d created, %d updated, %d pruned, %d failed%s%s%s.%n",
        r.count(Action.CREATE, Outcome.Status.APPLIED),
        r.count(Action.UPDATE, Outcome.Status.APPLIED),
        r.count(Action.PRUNE, Outcome.Status.APPLIED), r.failures().size(),
        refused == 0 ? "" : ", " + refused + " refused",
        plan.held().isEmpty() ? "" : ", " + plan.held().size() + " held",
        kept == 0 ? "" : ", " + kept + " kept");
    PlanFormat.warnings(plan).forEach(err::println); // on stderr too: with the outcome, always
  }

  /**
   * {@code not written: Kind namespace/name /pointer (why: detail)} for each field left alone,
   * worded as plan words it ({@link dev.roster.plan.Unwritten#describe}).
   */
  private static void notWritten(Plan plan, PrintWriter out) {
    for (Change c : plan.changes()) {
      c.notWritten().forEach(u -> out.println("not written: " + object(c) + " " + u.describe()));
    }
  }

  /** {@code Kind namespace/name}, or {@code Kind name} when cluster-scoped. */
  private static String object(Change c) {
    return c.key().kind() + " " + PlanFormat.name(c.key());
  }
}
