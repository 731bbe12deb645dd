package dev.roster.cli;

import dev.roster.failure.RosterException;
import dev.roster.validate.CatalogWarmup;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code roster}. Only {@link #main} exits the JVM. */
@Command(
    name = "roster",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps for AI agents on Kubernetes: make the cluster follow a config repo.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:internal error",
      "2:usage error (bad flag or argument)",
      "3:invalid input (the config repo has errors)",
      "4:changes pending (plan with --detailed-exit-code)",
      "5:apply or prune failed or refused",
      "6:source or cluster unreachable, or it refused the request",
    },
    footer = "%nSee README.md for a walkthrough.")
public final class Main implements Runnable {
  /**
   * Commands that {@link CatalogWarmup} helps: they touch no JSON library before loading the
   * schema catalog (plan and apply do, through the cluster client, so they start without).
   */
  private static final Set<String> WARM = Set.of("validate");

  /** Every subcommand, in the order help lists them (see {@link #commandLine}). */
  static final List<Class<?>> COMMANDS = List.of(
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      ApproveCommand.class,
      StatusCommand.class,
      DevClusterCommand.class,
      ServeCommand.class,
      KindsCommand.class,
      CompletionCommand.class,
      BenchCommand.class,
      VersionCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    LogProvider.select(); // before the warm-up thread's libraries ask SLF4J for loggers
    if (args.length > 0 && WARM.contains(args[0])) {
      CatalogWarmup.start();
    }
    java.io.PrintStream stderr = System.err;
    System.setErr(RedactingWriter.stream(stderr)); // library logs are redacted too
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    // run() redacts what the CLI writes itself; writing to the redacting System.err as well would
    // hold back a last line without a line break.
    PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs {@code roster args}, printing to {@code out} and {@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(CommandLine.defaultFactory(), out, err, args);
  }

  /** As {@link #run(PrintWriter, PrintWriter, String...)}, with commands made by {@code factory}. */
  static int run(CommandLine.IFactory factory, PrintWriter stdout, PrintWriter stderr,
      String... args) {
    PrintWriter out = RedactingWriter.around(stdout); // no URL credential is ever printed
    PrintWriter err = RedactingWriter.around(stderr);
    CommandLine cl = commandLine(factory, args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setUsageHelpWidth(100);
    cl.setExitCodeExceptionMapper(t -> ExitCode.USAGE);
    cl.setParameterExceptionHandler(new Typos(cl.getParameterExceptionHandler()));
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof RosterException failure) {
        return Failures.report(failure, line.getErr());
      }
      line.getErr().println("roster: " + describe(ex));
      ex.printStackTrace(line.getErr());
      return ExitCode.INTERNAL;
    });
    try {
      return cl.execute(args);
    } finally {
      out.close(); // writes out a last unterminated line; stdout and stderr stay open
      err.close();
    }
  }

  /**
   * The command tree {@code args} need. When {@code args} start with the name of a subcommand
   * that works on its own part of the tree, the root gets that subcommand alone: picocli builds
   * each command's model by reflection, and building all of them costs a short command such as
   * {@code validate} a large part of its start. Anything else (no arguments, an option first,
   * a mistyped or unknown name, an {@code @file}, {@code completion}, which describes every
   * command) gets the whole tree. Either way the invoked command's model is the same (pinned by
   * MainTest), and so are its parsing, help and errors.
   */
  static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
    CommandLine cl = new CommandLine(new Main(), factory);
    Class<?> only = args.length == 0 ? null : alone(args[0]);
    for (Class<?> c : COMMANDS) {
      if (only == null || c == only) {
        cl.addSubcommand(c);
      }
    }
    cl.getSubcommands().values().forEach(Main::transform);
    return cl;
  }

  /**
   * Applies each command's {@code modelTransformer}, as picocli does only for the subcommands a
   * root has when it is constructed (these are added after).
   */
  private static void transform(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    if (spec.modelTransformer() != null && spec.modelTransformer().transform(spec) != spec) {
      throw new IllegalStateException(spec.qualifiedName() + ": a model transformer must change"
          + " the spec it is given, not return another");
    }
    cl.getSubcommands().values().forEach(Main::transform);
  }

  /** The subcommand named {@code name} if it needs no other command's model; else null. */
  private static Class<?> alone(String name) {
    for (Class<?> c : COMMANDS) {
      if (c != CompletionCommand.class && c.getAnnotation(Command.class).name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static String describe(Exception ex) {
    return ex.getMessage() == null ? ex.toString() : ex.getMessage();
  }
}
