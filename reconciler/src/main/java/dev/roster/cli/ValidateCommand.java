package dev.roster.cli;

import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.validate.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code roster validate [DIR]}: check a config repo offline, report every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a config repo offline: schemas, names, duplicates, references, cycles,"
          + " committed secrets.",
      "Prints one line per problem as FILE:LINE:COL: KIND/NAME: POINTER: MESSAGE, then a summary;"
          + " -o github and -o sarif put each problem on its line in a pull request."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:valid (warnings alone do not fail)", "2:usage error",
        "3:the repo has errors (with -o github or sarif too: the CI check fails)",
        "1:internal error"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
      description = "Root of the config repo. Default: the current directory.")
  Path dir;

  /** Output formats of this command. */
  enum Format {
    text,
    json,
    yaml,
    github,
    sarif
  }

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "text, json, yaml, github (workflow annotations ::error file=…,line=…::) or"
          + " sarif (SARIF 2.1.0, for code scanning). Default: ${DEFAULT-VALUE}.")
  Format output;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", paramLabel = "NS",
      description = "Namespace of namespaced objects that name none, as plan and apply's -n:"
          + " decides which objects are duplicates. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Mixin RepoOptions repo;

  @Override
  public Integer call() {
    LoadResult loaded = new ManifestLoader(repo.loadOptions()).load(dir);
    ValidationReport report = repo.validator().validate(loaded, namespace);
    var out = spec.commandLine().getOut();
    switch (output) {
      case json -> out.println(ReportPrinter.json(report));
      case yaml -> out.print(Yamls.fromJson(ReportPrinter.json(report)));
      case github -> ProblemAnnotations.github(report, dir, out);
      case sarif -> out.println(ProblemAnnotations.sarif(report, dir));
      default -> ReportPrinter.text(report, out);
    }
    out.flush();
    return report.valid() ? ExitCode.OK : ExitCode.INVALID;
  }

  /** Reads a format, naming the ones validate writes when given another. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("validate writes text, json, yaml, github or sarif,"
            + " not " + value);
      }
    }
  }
}
