package dev.roster.serve;

import dev.roster.failure.RosterException;
import dev.roster.load.Problem;
import java.util.List;

/** The serve config file is unreadable or invalid; each problem is located. Not retryable. */
public final class ServeConfigException extends RosterException {
  private final List<Problem> problems;

  public ServeConfigException(ServeConfigReason reason, String message, List<Problem> problems) {
    super(reason, message);
    this.problems = List.copyOf(problems);
  }

  @Override
  public ServeConfigReason reason() {
    return (ServeConfigReason) super.reason();
  }

  /** Located problems of the file, printed before the message; may be empty. */
  public List<Problem> problems() {
    return problems;
  }
}
