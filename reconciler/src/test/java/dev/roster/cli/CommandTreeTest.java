package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link Main#commandLine} builds only the invoked subcommand when it can: proven equal to the
 * whole tree for every subcommand (its model as help renders it, options, nested commands), and
 * the whole tree where a command needs it.
 */
class CommandTreeTest {
  static CommandLine tree(String... args) {
    return Main.commandLine(CommandLine.defaultFactory(), args);
  }

  @Test
  void eachSubcommandAloneIsTheSubcommandOfTheWholeTree() {
    Map<String, CommandLine> whole = tree().getSubcommands();
    assertEquals(Main.COMMANDS.size(), whole.size());
    whole.forEach((name, full) -> {
      if ("completion".equals(name)) {
        return;
      }
      CommandLine lazy = tree(name, "--help");
      assertEquals(List.of(name), List.copyOf(lazy.getSubcommands().keySet()));
      assertEquals(describe(full), describe(lazy.getSubcommands().get(name)), name);
    });
  }

  @Test
  void eachSubcommandHasTheOptionsPicocliMakesOfItsClassAlone() {
    // picocli's own constructor applies model transformers (serve's makes --repo optional)
    for (Class<?> c : Main.COMMANDS) {
      CommandLine alone = new CommandLine(c);
      String name = alone.getCommandName();
      assertEquals(options(alone), options(tree().getSubcommands().get(name)), name);
      if (!"completion".equals(name)) {
        assertEquals(options(alone), options(tree(name).getSubcommands().get(name)), name);
      }
    }
  }

  @Test
  void anythingElseGetsTheWholeTree() {
    List<String> names = List.copyOf(tree().getSubcommands().keySet());
    for (String[] args : List.of(new String[] {}, new String[] {"--help"},
        new String[] {"-V"}, new String[] {"--help", "validate"}, new String[] {"valdate"},
        new String[] {"@args.txt"}, new String[] {"completion", "bash"})) {
      assertEquals(names, List.copyOf(tree(args).getSubcommands().keySet()), String.join(" ", args));
    }
  }

  @Test
  void anUnknownCommandStillGetsPicocliSuggestion() {
    MainTest.Run run = MainTest.roster("valdate");
    assertEquals(2, run.code());
    assertEquals(true, run.err().contains("validate"), run.err());
  }

  /** Every option and positional parameter of a command and its nested commands. */
  private static List<String> options(CommandLine cl) {
    List<String> out = new ArrayList<>();
    cl.getCommandSpec().options().forEach(o -> out.add(String.join(",", o.names()) + " "
        + o.required() + " " + o.defaultValue() + " " + o.arity() + " " + o.type().getName()));
    cl.getCommandSpec().positionalParameters().forEach(p -> out.add(p.paramLabel() + " "
        + p.required() + " " + p.index() + " " + p.defaultValue()));
    cl.getSubcommands().values().forEach(sub -> out.addAll(options(sub)));
    return out;
  }

  /** A command and its nested commands as help shows them, with every option's names. */
  private static List<String> describe(CommandLine cl) {
    List<String> out = new ArrayList<>();
    out.add(cl.getCommandSpec().qualifiedName());
    out.add(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
    cl.getCommandSpec().options().forEach(o -> out.add(String.join(",", o.names()) + " "
        + o.required() + " " + o.defaultValue() + " " + o.arity() + " "
        + o.type().getName()));
    cl.getCommandSpec().positionalParameters().forEach(p -> out.add(p.paramLabel() + " "
        + p.index() + " " + p.defaultValue() + " " + p.type().getName()));
    cl.getSubcommands().values().forEach(sub -> out.addAll(describe(sub)));
    return out;
  }
}
