/**
 * The {@code roster} command line: picocli commands that parse flags, call the stages and print
 * results. No business logic lives here. Results go to standard output, diagnostics to standard
 * error, and every command returns one of the {@link dev.roster.cli.ExitCode} values.
 */
package dev.roster.cli;
