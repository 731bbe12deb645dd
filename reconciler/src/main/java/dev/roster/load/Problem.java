package dev.roster.load;

/**
 * One located finding about the config repo, from any stage up to validation.
 *
 * @param file path relative to the repo root
 * @param line one-based line, or 0 when the problem concerns the file as a whole
 * @param column one-based column, or 0 when unknown
 * @param subject {@code Kind/name} of the object concerned, or empty for file-level problems
 * @param pointer JSON pointer of the field concerned, or empty
 * @param message lower-case sentence without trailing period
 * @param severity error or warning
 */
public record Problem(
    String file,
    int line,
    int column,
    String subject,
    String pointer,
    String message,
    Severity severity) {

  /** An error about a whole file (unreadable, too large, not YAML). */
  public static Problem fileError(String file, int line, int column, String message) {
    return new Problem(file, line, column, "", "", message, Severity.ERROR);
  }

  /** Renders {@code FILE:LINE:COL: KIND/NAME: POINTER: MESSAGE}, leaving out empty parts. */
  public String format() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(Math.max(column, 1));
    }
    sb.append(": ");
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    if (!subject.isEmpty()) {
      sb.append(subject).append(": ");
    }
    if (!pointer.isEmpty()) {
      sb.append(pointer).append(": ");
    }
    return sb.append(message).toString();
  }
}
