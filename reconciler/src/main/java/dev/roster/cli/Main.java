package dev.roster.cli;

import dev.roster.load.LoadException;
import dev.roster.validate.ValidationException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code roster}. Only {@link #main} exits the JVM. */
@Command(
    name = "roster",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps for AI agents on Kubernetes: make the cluster follow a config repo.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      ApproveCommand.class,
      StatusCommand.class,
      DevClusterCommand.class,
      ServeCommand.class,
      KindsCommand.class,
      BenchCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:internal error",
      "2:usage error (bad flag or argument)",
      "3:invalid input (the config repo has errors)",
      "4:changes pending (plan with --detailed-exit-code)",
      "5:apply or prune failed or refused",
      "6:source or cluster unreachable",
    },
    footer = "%nSee README.md for a walkthrough.")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.setErr(RedactingWriter.stream(System.err)); // library logs are redacted too
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
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
    CommandLine cl = new CommandLine(new Main(), factory);
    cl.setOut(out);
    cl.setErr(err);
    cl.setUsageHelpWidth(100);
    cl.setExitCodeExceptionMapper(t -> ExitCode.USAGE);
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      line.getErr().println("roster: " + describe(ex));
      if (!(ex instanceof LoadException) && !(ex instanceof ValidationException)) {
        ex.printStackTrace(line.getErr());
      }
      return exitCodeOf(ex);
    });
    try {
      return cl.execute(args);
    } finally {
      out.close(); // writes out a last unterminated line; stdout and stderr stay open
      err.close();
    }
  }

  private static String describe(Exception ex) {
    return ex.getMessage() == null ? ex.toString() : ex.getMessage();
  }

  private static int exitCodeOf(Exception ex) {
    if (ex instanceof LoadException le) {
      return "RootNotFound".equals(le.reason()) ? ExitCode.USAGE : ExitCode.UNREACHABLE;
    }
    if (ex instanceof ValidationException ve) {
      // a --schema-dir that does not exist is a bad argument, not an invalid repo
      return "SchemaDirNotFound".equals(ve.reason()) ? ExitCode.USAGE : ExitCode.INVALID;
    }
    return ExitCode.INTERNAL;
  }
}
