package dev.roster.serve;

import dev.roster.load.Problem;
import java.util.List;

/** The serve config file is unreadable or invalid; each problem is located. Not retryable. */
public final class ServeConfigException extends RuntimeException {
  private final List<Problem> problems;

  public ServeConfigException(String message, List<Problem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
