package dev.roster.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code roster completion bash|zsh|fish}: a completion script of every command, option and
 * option value Roster knows. bash and zsh get picocli's script (zsh runs it through {@code
 * bashcompinit}, which the script enables itself); fish gets {@code complete} lines made from the
 * same command model.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script.",
      "bash: source <(roster completion bash)   (or save it under"
          + " /etc/bash_completion.d/roster)",
      "zsh:  source <(roster completion zsh)",
      "fish: roster completion fish > ~/.config/fish/completions/roster.fish"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "2:usage error (a shell other than bash, zsh or fish)"})
final class CompletionCommand implements Callable<Integer> {
  /** Shells with a completion script. */
  enum Shell {
    bash,
    zsh,
    fish
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    PrintWriter out = spec.commandLine().getOut();
    if (shell == Shell.fish) {
      fish(root.getCommandSpec()).forEach(out::println);
    } else {
      out.print(AutoComplete.bash(root.getCommandName(), root));
    }
    out.flush();
    return ExitCode.OK;
  }

  /** fish {@code complete} lines: subcommands, then each subcommand's options and subcommands. */
  static List<String> fish(CommandSpec root) {
    String name = root.name();
    List<String> lines = new ArrayList<>();
    lines.add("# fish completion for " + name + ": " + name
        + " completion fish > ~/.config/fish/completions/" + name + ".fish");
    lines.add("complete -c " + name + " -f");
    root.subcommands().forEach((sub, cl) -> lines.add("complete -c " + name
        + " -n __fish_use_subcommand -a " + sub + " -d " + quote(describe(cl.getCommandSpec()))));
    root.subcommands().forEach((sub, cl) -> {
      String when = " -n '__fish_seen_subcommand_from " + sub + "'";
      for (OptionSpec o : cl.getCommandSpec().options()) {
        StringBuilder b = new StringBuilder("complete -c " + name + when);
        for (String n : o.names()) {
          b.append(n.startsWith("--") ? " -l " + n.substring(2)
              : n.length() == 2 ? " -s " + n.substring(1) : " -o " + n.substring(1));
        }
        if (o.arity().max() > 0) {
          b.append(" -r");
          List<String> values = new ArrayList<>();
          if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(values::add);
          }
          b.append(values.isEmpty() ? " -F" : " -a " + quote(String.join(" ", values)));
        }
        String[] d = o.description();
        if (d.length > 0) {
          b.append(" -d ").append(quote(firstSentence(d[0])));
        }
        lines.add(b.toString());
      }
      cl.getSubcommands().forEach((nested, ncl) -> lines.add("complete -c " + name + when
          + " -a " + nested + " -d " + quote(describe(ncl.getCommandSpec()))));
    });
    return lines;
  }

  private static String describe(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? spec.name() : firstSentence(d[0]);
  }

  private static String firstSentence(String s) {
    String t = s.replaceAll("\\$\\{[A-Z-]+}", "").strip();
    int dot = t.indexOf(". ");
    t = dot > 0 ? t.substring(0, dot) : t;
    t = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    return t.length() > 80 ? t.substring(0, 77) + "..." : t;
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
