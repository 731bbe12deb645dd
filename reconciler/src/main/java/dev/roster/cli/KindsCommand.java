package dev.roster.cli;

import dev.roster.validate.KindId;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin RepoOptions repo;

  @Override
  public Integer call() {
    SchemaCatalog catalog = SchemaCatalog.load(repo.schemaDirs);
    var out = spec.commandLine().getOut();
    for (KindId k : catalog.kinds()) {
      Profile p = catalog.profile(k.group(), k.kind());
      out.printf("%-45s %-10s %d references%n", k.apiVersionKind(),
          p.scope() == Profile.Scope.CLUSTER ? "cluster" : "namespaced", p.references().size());
    }
    return ExitCode.OK;
  }
}
