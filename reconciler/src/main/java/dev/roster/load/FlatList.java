package dev.roster.load;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The read-only lists of {@link CompactTrees}: one array of exactly the list's size, nulls
 * allowed (unlike {@code List.of}, so that {@code contains(null)} answers rather than throws).
 * Equal to any list with the same elements.
 */
final class FlatList extends AbstractList<Object> implements RandomAccess {
  private final Object[] items;

  /** Not copied: nobody else may keep {@code items}. */
  FlatList(Object[] items) {
    this.items = items;
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
