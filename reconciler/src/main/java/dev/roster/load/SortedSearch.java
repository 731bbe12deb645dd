package dev.roster.load;

import java.util.function.IntUnaryOperator;

/** Binary search over anything sorted that can compare its i-th element with what is sought. */
final class SortedSearch {
  private SortedSearch() {}

  /**
   * Index of the element sought among {@code n} sorted ones, or -1; {@code order} gives the sign
   * of comparing the element at an index with the one sought.
   */
  static int find(int n, IntUnaryOperator order) {
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = order.applyAsInt(mid);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }
}
