package dev.roster.cli;

import picocli.CommandLine;

/** {@code roster --version}: the same lines as {@code roster version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return BuildInfo.current().lines().toArray(String[]::new);
  }
}
