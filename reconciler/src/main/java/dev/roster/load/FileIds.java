package dev.roster.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The manifest files of one directory with their content ids, sorted by name, kept small since
 * serve keeps one entry per file for as long as it runs: the names are one string with end
 * offsets, and ids that are all Git object ids (40 hex digits) are one array of their 20 bytes
 * each; other ids (null, or another form) are kept as given. Read-only.
 */
final class FileIds {
  static final FileIds EMPTY = new FileIds("", new int[0], null, null);
  private static final HexFormat HEX = HexFormat.of();
  private static final int RAW = 20;

  private final String names;
  private final int[] ends;
  private final byte[] raw; // RAW bytes per file, or null
  private final String[] ids; // when raw is null: the ids as given, or null for all null

  private FileIds(String names, int[] ends, byte[] raw, String[] ids) {
    this.names = names;
    this.ends = ends;
    this.raw = raw;
    this.ids = ids;
  }

  /** The files {@code names} (distinct) with {@code ids} (same order; null entries allowed). */
  static FileIds of(List<String> names, List<String> ids) {
    int n = names.size();
    if (n == 0) {
      return EMPTY;
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
    StringBuilder all = new StringBuilder();
    int[] ends = new int[n];
    String[] given = new String[n];
    boolean hex = true;
    boolean anyId = false;
    for (int i = 0; i < n; i++) {
      all.append(names.get(order[i]));
      ends[i] = all.length();
      given[i] = ids.get(order[i]);
      anyId |= given[i] != null;
      hex &= isHex(given[i]);
    }
    if (!hex) {
      return new FileIds(all.toString(), ends, null, anyId ? given : null);
    }
    byte[] raw = new byte[n * RAW];
    for (int i = 0; i < n; i++) {
      System.arraycopy(HEX.parseHex(given[i]), 0, raw, i * RAW, RAW);
    }
    return new FileIds(all.toString(), ends, raw, null);
  }

  /** Whether {@code id} is what {@link HexFormat#formatHex} gives back for its 20 bytes. */
  private static boolean isHex(String id) {
    if (id == null || id.length() != 2 * RAW) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  int size() {
    return ends.length;
  }

  String name(int i) {
    return names.substring(i == 0 ? 0 : ends[i - 1], ends[i]);
  }

  /** The content id of the i-th file, equal to the one given; null if given null. */
  String id(int i) {
    if (raw != null) {
      return HEX.formatHex(raw, i * RAW, (i + 1) * RAW);
    }
    return ids == null ? null : ids[i];
  }

  /** The names, sorted. */
  List<String> names() {
    List<String> out = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      out.add(name(i));
    }
    return out;
  }

  /** Each file's name and id, sorted by name. */
  void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < size(); i++) {
      action.accept(name(i), id(i));
    }
  }

  boolean contains(String name) {
    return find(name) >= 0;
  }

  /** The id of the file {@code name}; null if there is none (or its id is null). */
  String get(String name) {
    int i = find(name);
    return i < 0 ? null : id(i);
  }

  private int find(String name) {
    return SortedSearch.find(size(), i -> name(i).compareTo(name));
  }
}
