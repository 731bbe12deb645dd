package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roster completion}: scripts the shells can load, checked with the real bash. */
class CompletionCommandTest {
  static final Path BASH = Path.of("/bin/bash");

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void bashSourcesTheScriptAndCompletesCommandsOptionsAndValues(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(BASH));
    String[] r = run("completion", "bash");
    assertEquals("0", r[0], r[2]);
    Path script = Files.writeString(dir.resolve("roster.bash"), r[1]);
    String probe = String.join("\n",
        "source " + script + " 2>/dev/null || exit 9",
        "complete -p roster",
        "try() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMPREPLY=();"
            + " _complete_roster 2>/dev/null; echo \"${COMPREPLY[*]}\"; }",
        "try roster pl",
        "try roster plan --rep",
        "try roster plan -o ''",
        "try roster status --output ''", "");
    Path log = dir.resolve("bash.out");
    Process p = new ProcessBuilder(BASH.toString(), "--norc", "-c", probe)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    List<String> out = Files.readAllLines(log);
    assertEquals(0, p.exitValue(), out::toString);
    assertEquals(List.of("complete -o default -F _complete_roster roster", "plan", "--repo",
        "text json markdown yaml", "text json yaml"), out);
  }

  @Test
  void zshGetsTheScriptThatEnablesBashcompinit() {
    String[] zsh = run("completion", "zsh");
    assertEquals("0", zsh[0]);
    assertEquals(run("completion", "bash")[1], zsh[1]);
    assertTrue(zsh[1].contains("autoload -U +X bashcompinit && bashcompinit"));
  }

  @Test
  void fishGetsCompleteLinesForCommandsOptionsAndValues() {
    String[] r = run("completion", "fish");
    assertEquals("0", r[0]);
    List<String> lines = r[1].lines().toList();
    assertTrue(lines.contains("complete -c roster -n __fish_use_subcommand -a plan -d 'Show what"
        + " apply would change: desired (Git) against live (cluster)'"), r[1]);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("complete -c roster -n"
        + " '__fish_seen_subcommand_from plan' -s o -l output -r -a 'text json markdown yaml'")),
        r[1]);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("complete -c roster -n"
        + " '__fish_seen_subcommand_from plan' -l kubeconfig -r -F")), r[1]);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("complete -c roster -n"
        + " '__fish_seen_subcommand_from bench' -a serve -d '")), r[1]);
  }

  @Test
  void anotherShellIsAUsageError() {
    String[] r = run("completion", "tcsh");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("tcsh"), r[2]);
  }
}
