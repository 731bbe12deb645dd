package dev.roster.load;

import java.util.List;

/**
 * Everything read from a repo tree.
 *
 * @param manifests the objects, in file order and then document order
 * @param problems located problems; when not empty the load is partial and must not be applied
 * @param files number of YAML files read
 */
public record LoadResult(List<Manifest> manifests, List<Problem> problems, int files) {

  /** True when every file was read and parsed without error. */
  public boolean complete() {
    return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
  }
}
