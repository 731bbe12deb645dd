package dev.roster.apply;

/**
 * Told each time one of an apply's writes (create, update, prune, hold record) finishes, however
 * it ended: {@code done} of {@code total}, {@code done} rising by one each call up to {@code
 * total}. Called from the writing threads, so implementations are thread-safe and quick.
 */
@FunctionalInterface
public interface ApplyProgress {
  /** Tells nobody. */
  ApplyProgress NONE = (done, total) -> { };

  void written(int done, int total);
}
