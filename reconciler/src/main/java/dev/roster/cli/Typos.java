package dev.roster.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Usage errors that name the real mistake: when the arguments hold an option the command does
 * not have, that is the error reported ({@code unknown option '--rep'; did you mean '--repo'?}),
 * not the required option it then lacks, nor the arguments after it that picocli could no longer
 * place. Other usage errors (a bad value, a missing option) are picocli's message on one line,
 * without the whole help. Either way the error ends with where to find the options, and the exit
 * code is 2.
 */
final class Typos implements CommandLine.IParameterExceptionHandler {
  private final CommandLine.IParameterExceptionHandler fallback;

  Typos(CommandLine.IParameterExceptionHandler fallback) {
    this.fallback = fallback;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args)
      throws Exception {
    CommandLine cl = ex.getCommandLine();
    List<String> unknown = unknownOptions(cl.getCommandSpec(), args);
    PrintWriter err = cl.getErr();
    if (unknown.isEmpty() || !(ex instanceof CommandLine.UnmatchedArgumentException
        || ex instanceof CommandLine.MissingParameterException)) {
      if (ex instanceof CommandLine.UnmatchedArgumentException) {
        return fallback.handleParseException(ex, args); // e.g. a mistyped command: picocli's hint
      }
      err.println("roster: " + ex.getMessage());
      err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help' for its options.");
      return ExitCode.USAGE;
    }
    for (String u : unknown) {
      List<String> near = suggestions(cl.getCommandSpec(), u);
      err.println("roster: unknown option '" + u + "'" + (near.isEmpty() ? ""
          : "; did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'")
              .toList()) + "?"));
    }
    err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help' for its options.");
    return ExitCode.USAGE;
  }

  /** The option-like arguments of {@code spec}'s part of {@code args} that it does not know. */
  static List<String> unknownOptions(CommandSpec spec, String[] args) {
    List<String> out = new ArrayList<>();
    boolean mine = spec.parent() == null;
    for (String a : args) {
      if (!mine) {
        mine = a.equals(spec.name()) || spec.aliases().length > 0
            && List.of(spec.aliases()).contains(a);
        continue;
      }
      if ("--".equals(a)) {
        break;
      }
      if (a.length() < 2 || a.charAt(0) != '-' || Character.isDigit(a.charAt(1))) {
        continue;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (spec.findOption(name) == null && !shortCluster(spec, name)) {
        out.add(name);
      }
    }
    return out;
  }

  private static boolean shortCluster(CommandSpec spec, String name) {
    if (name.startsWith("--") || name.length() < 3) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      OptionSpec o = spec.findOption(name.charAt(i));
      if (o == null) {
        return false;
      }
      if (o.arity().max() > 0) {
        return true; // the rest is its value, as in -ojson
      }
    }
    return true;
  }

  /** Up to two option names close to {@code typo}: extensions of it first, then by edits. */
  static List<String> suggestions(CommandSpec spec, String typo) {
    String t = typo.toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      for (String n : o.names()) {
        if (n.startsWith("--") == t.startsWith("--")) {
          names.add(n);
        }
      }
    }
    List<String> prefixed = names.stream().filter(n -> n.startsWith(t) && n.length() > t.length())
        .sorted(Comparator.comparingInt(String::length)).limit(2).toList();
    if (!prefixed.isEmpty()) {
      return prefixed;
    }
    int limit = Math.max(2, t.length() / 4);
    return names.stream().filter(n -> distance(n, t) <= limit)
        .sorted(Comparator.comparingInt((String n) -> distance(n, t)))
        .limit(2).toList();
  }

  /** Levenshtein distance, a swap of neighbours counting once. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
