package dev.roster.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code roster version}: version, Git commit, build time and the running Java. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Print the version, the Git commit it was built from, the build time (UTC) and"
        + " the Java running it.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    BuildInfo.current().lines().forEach(spec.commandLine().getOut()::println);
    return ExitCode.OK;
  }
}
