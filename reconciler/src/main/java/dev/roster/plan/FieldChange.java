package dev.roster.plan;

/**
 * One field that differs between desired and live.
 *
 * @param pointer JSON pointer of the field
 * @param type added (Git sets it, live lacks it), changed, or removed (Git set it last time and
 *     no longer does)
 * @param before the live value, or null when added
 * @param after the desired value, or null when removed
 */
public record FieldChange(String pointer, Type type, Object before, Object after) {
  /** Kind of difference. */
  public enum Type {
    ADDED,
    CHANGED,
    REMOVED
  }
}
