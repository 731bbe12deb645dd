package dev.roster.cli;

import dev.roster.source.SourceNames;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Flags that choose the config repo; shared by plan, apply and serve. */
final class SourceOptions {
  @Option(names = "--repo", paramLabel = "URL|DIR", required = true,
      description = "Git URL (https, ssh, file) or local directory of the config repo.")
  String repo;

  @Option(names = "--ref", paramLabel = "REF",
      description = "Branch, tag or commit. Default: the remote HEAD.")
  String ref;

  @Option(names = "--path", paramLabel = "DIR",
      description = "Subdirectory of the repo holding the definitions.")
  String path;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where bare mirrors are kept. Default: $XDG_CACHE_HOME/roster/git or"
          + " ~/.cache/roster/git.")
  Path cacheDir;

  @Option(names = "--source-name", paramLabel = "NAME",
      description = "Name stamped on managed objects (roster.dev/source) and naming the inventory."
          + " Default: derived from --repo and --path; set it explicitly in CI.")
  String sourceName;

  /** The cache directory, or null for the default ({@link dev.roster.source.SourceSpec}). */
  Path cacheDir() {
    return cacheDir;
  }

  /** The source name: {@code --source-name}, else derived by {@link SourceNames#derive}. */
  String sourceName() {
    return sourceName != null ? sourceName : SourceNames.derive(repo, path);
  }
}
