package dev.roster.cli;

import dev.roster.validate.KindId;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code roster kinds}: list the kinds Roster has schemas and profiles for. */
@Command(name = "kinds", mixinStandardHelpOptions = true,
    description = "List the kinds Roster knows (bundled and from --schema-dir).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "2:usage error (e.g. a --schema-dir that does not exist)",
        "3:a schema or profile under --schema-dir is invalid", "1:internal error"})
final class KindsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  /** Only the schema flag: kinds reads no repo, so no load or unknown-kind flags. */
  @Option(names = "--schema-dir", paramLabel = "DIR",
      description = "Extra schemas and profiles (<group>/<version>/<Kind>.json); repeatable.")
  List<Path> schemaDirs = new ArrayList<>();

  @Override
  public Integer call() {
    SchemaCatalog catalog = SchemaCatalog.load(schemaDirs);
    var out = spec.commandLine().getOut();
    for (KindId k : catalog.kinds()) {
      Profile p = catalog.profile(k.group(), k.kind());
      out.printf("%-45s %-10s %d references%n", k.apiVersionKind(),
          p.scope() == Profile.Scope.CLUSTER ? "cluster" : "namespaced", p.references().size());
    }
    return ExitCode.OK;
  }
}
