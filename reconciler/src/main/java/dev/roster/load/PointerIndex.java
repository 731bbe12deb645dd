package dev.roster.load;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON pointer to source location for one document. Object members map to the position of their
 * key, array items to the position of the item, the empty pointer to the document start.
 *
 * <p>Kept compact, since serve keeps one per object for as long as its file is unchanged: the
 * pointers, sorted, are one string with end offsets, and each location is one {@code long}; or
 * the index is made only when first used.
 */
public final class PointerIndex {
  private String pointers;
  private int[] ends;
  private long[] locations;
  private Supplier<PointerIndex> source;

  /** An index made only when first asked, by {@code source} (serve keeps thousands unused). */
  static PointerIndex lazy(Supplier<PointerIndex> source) {
    return new PointerIndex(source);
  }

  /** Until made, nothing of its own: serve keeps thousands. */
  private PointerIndex(Supplier<PointerIndex> source) {
    this.pointers = "";
    this.ends = NO_ENDS;
    this.locations = NO_LOCATIONS;
    this.source = source;
  }

  private static final int[] NO_ENDS = new int[0];
  private static final long[] NO_LOCATIONS = new long[0];

  PointerIndex(Map<String, Location> locations) {
    String[] sorted = locations.keySet().toArray(new String[0]);
    Arrays.sort(sorted);
    StringBuilder all = new StringBuilder();
    this.ends = new int[sorted.length];
    this.locations = new long[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      all.append(sorted[i]);
      ends[i] = all.length();
      Location loc = locations.get(sorted[i]);
      this.locations[i] = ((long) loc.line() << 32) | (loc.column() & 0xffffffffL);
    }
    this.pointers = all.toString();
  }

  /**
   * Location of the field at {@code pointer}, or of its nearest ancestor present in the document
   * (a missing required field is reported where its parent is). Never null.
   */
  public Location locate(String pointer) {
    String p = pointer;
    while (true) {
      int i = find(p);
      if (i >= 0) {
        return new Location((int) (locations[i] >>> 32), (int) locations[i]);
      }
      if (p.isEmpty()) {
        return new Location(1, 1);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** Every pointer with its location, sorted: for tests that compare two indexes. */
  String dump() {
    made();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ends.length; i++) {
      out.append(pointers, i == 0 ? 0 : ends[i - 1], ends[i]).append('=')
          .append(locations[i] >>> 32).append(':').append((int) locations[i]).append(' ');
    }
    return out.toString();
  }

  /** Whether the document has a value at exactly this pointer. */
  public boolean contains(String pointer) {
    return find(pointer) >= 0;
  }

  /** Index of {@code pointer} among the sorted pointers, or -1. */
  private int find(String pointer) {
    made();
    return SortedSearch.find(ends.length, i -> compareAt(i, pointer));
  }

  private synchronized void made() {
    if (source != null) {
      PointerIndex full = source.get();
      pointers = full.pointers;
      ends = full.ends;
      locations = full.locations;
      source = null;
    }
  }

  /** {@code String.compareTo} of the pointer at {@code i} with {@code other}. */
  private int compareAt(int i, String other) {
    int start = i == 0 ? 0 : ends[i - 1];
    int len = ends[i] - start;
    int n = Math.min(len, other.length());
    for (int k = 0; k < n; k++) {
      char a = pointers.charAt(start + k);
      char b = other.charAt(k);
      if (a != b) {
        return a - b;
      }
    }
    return len - other.length();
  }

  /** Escapes one reference token as RFC 6901 requires. */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Unescapes one reference token as RFC 6901 requires ({@code ~1} first, then {@code ~0}). */
  public static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    return token.replace("~1", "/").replace("~0", "~");
  }
}
