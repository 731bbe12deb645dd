package dev.roster.cli;

import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.validate.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code roster validate [DIR]}: check a config repo offline, report every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a config repo offline: schemas, names, duplicates, references, cycles,"
          + " committed secrets.",
      "Prints one line per problem as FILE:LINE:COL: KIND/NAME: POINTER: MESSAGE, then a summary."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:valid", "2:usage error", "3:the repo has errors", "1:internal error"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
      description = "Root of the config repo. Default: the current directory.")
  Path dir;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json or yaml. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", paramLabel = "NS",
      description = "Namespace of namespaced objects that name none, as plan and apply's -n:"
          + " decides which objects are duplicates. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Mixin RepoOptions repo;

  @Override
  public Integer call() {
    if (output == OutputFormat.markdown) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--output': validate writes text, json or yaml, not"
              + " markdown");
    }
    LoadResult loaded = new ManifestLoader(repo.loadOptions()).load(dir);
    ValidationReport report = repo.validator().validate(loaded, namespace);
    var out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      out.println(ReportPrinter.json(report));
    } else if (output == OutputFormat.yaml) {
      out.print(Yamls.fromJson(ReportPrinter.json(report)));
    } else {
      ReportPrinter.text(report, out);
    }
    return report.valid() ? ExitCode.OK : ExitCode.INVALID;
  }
}
