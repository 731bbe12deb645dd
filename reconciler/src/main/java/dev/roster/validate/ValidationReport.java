package dev.roster.validate;

import dev.roster.load.Problem;
import dev.roster.load.Severity;
import java.util.List;

/**
 * The outcome of validating a repo.
 *
 * @param problems every problem found, sorted by file, line and column
 * @param files YAML files read
 * @param objects objects loaded
 */
public record ValidationReport(List<Problem> problems, int files, int objects) {

  public long errors() {
    return problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
  }

  public long warnings() {
    return problems.size() - errors();
  }

  /** True when nothing is in the way of applying the repo. */
  public boolean valid() {
    return errors() == 0;
  }
}
