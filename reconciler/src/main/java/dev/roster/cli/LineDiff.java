package dev.roster.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in unified format, for showing people what a plan changes.
 *
 * <p>Contract: the common prefix and suffix are matched first; the lines between are matched by
 * longest common subsequence, which is exact but O(n·m), so when either side of that middle has
 * more than {@link #MAX_LINES} lines the middle is shown as a whole-block replace instead. Within
 * a change, removed lines come before added ones. Changes separated by at most {@code 2 *
 * context} unchanged lines share one hunk. Identical inputs give no hunks.
 */
public final class LineDiff {
  /** Largest middle section (per side) matched line by line. */
  public static final int MAX_LINES = 4000;

  private LineDiff() {}

  /**
   * One hunk of a unified diff.
   *
   * @param oldStart first old line (one-based), or the line before when {@code oldCount} is 0
   * @param oldCount old lines in the hunk (context and removed)
   * @param newStart first new line (one-based), or the line before when {@code newCount} is 0
   * @param newCount new lines in the hunk (context and added)
   * @param lines the hunk body, each line prefixed with {@code ' '}, {@code '-'} or {@code '+'}
   */
  public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<String> lines) {
    /** The {@code @@ -a,b +c,d @@} line; a count of 1 is left out, as diff(1) does. */
    public String header() {
      return "@@ -" + range(oldStart, oldCount) + " +" + range(newStart, newCount) + " @@";
    }

    private static String range(int start, int count) {
      return count == 1 ? String.valueOf(start) : start + "," + count;
    }
  }

  /** The hunks turning {@code a} into {@code b}, with {@code context} unchanged lines around. */
  public static List<Hunk> diff(List<String> a, List<String> b, int context) {
    if (context < 0) {
      throw new IllegalArgumentException("context must not be negative: " + context);
    }
    List<String> ops = script(a, b);
    List<Hunk> hunks = new ArrayList<>();
    int k = 0;
    int oldLine = 0; // old lines consumed before ops[k]
    int newLine = 0;
    while (k < ops.size()) {
      if (ops.get(k).charAt(0) == ' ') {
        k++;
        oldLine++;
        newLine++;
        continue;
      }
      int start = Math.max(0, k - context);
      int last = k;
      for (int j = k + 1; j < ops.size() && j - last - 1 <= 2 * context; j++) {
        if (ops.get(j).charAt(0) != ' ') {
          last = j;
        }
      }
      int end = Math.min(ops.size(), last + context + 1);
      int oldStart = oldLine - (k - start); // the leading context is all unchanged lines
      int newStart = newLine - (k - start);
      int oldCount = 0;
      int newCount = 0;
      for (int j = start; j < end; j++) {
        char t = ops.get(j).charAt(0);
        oldCount += t == '+' ? 0 : 1;
        newCount += t == '-' ? 0 : 1;
      }
      hunks.add(new Hunk(oldCount == 0 ? oldStart : oldStart + 1, oldCount,
          newCount == 0 ? newStart : newStart + 1, newCount, List.copyOf(ops.subList(start, end))));
      oldLine = oldStart + oldCount;
      newLine = newStart + newCount;
      k = end;
    }
    return hunks;
  }

  /** The unified diff body: each hunk's header followed by its lines; empty when identical. */
  public static List<String> unified(List<String> a, List<String> b, int context) {
    List<String> out = new ArrayList<>();
    for (Hunk h : diff(a, b, context)) {
      out.add(h.header());
      out.addAll(h.lines());
    }
    return out;
  }

  /** The whole edit script, one prefixed line per step. */
  private static List<String> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int pre = 0;
    while (pre < n && pre < m && a.get(pre).equals(b.get(pre))) {
      pre++;
    }
    int suf = 0;
    while (suf < n - pre && suf < m - pre && a.get(n - 1 - suf).equals(b.get(m - 1 - suf))) {
      suf++;
    }
    List<String> ops = new ArrayList<>(n + m);
    for (int i = 0; i < pre; i++) {
      ops.add(" " + a.get(i));
    }
    List<String> midA = a.subList(pre, n - suf);
    List<String> midB = b.subList(pre, m - suf);
    if (midA.size() > MAX_LINES || midB.size() > MAX_LINES) {
      midA.forEach(l -> ops.add("-" + l));
      midB.forEach(l -> ops.add("+" + l));
    } else {
      lcs(midA, midB, ops);
    }
    for (int i = n - suf; i < n; i++) {
      ops.add(" " + a.get(i));
    }
    return ops;
  }

  /** Appends the LCS edit script of {@code a} to {@code b}; both at most {@link #MAX_LINES}. */
  private static void lcs(List<String> a, List<String> b, List<String> ops) {
    int n = a.size();
    int m = b.size();
    int w = m + 1;
    short[] len = new short[(n + 1) * w]; // len[i][j]: LCS of a[i..] and b[j..]; <= 4000 fits
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        len[i * w + j] = a.get(i).equals(b.get(j))
            ? (short) (len[(i + 1) * w + j + 1] + 1)
            : (short) Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        ops.add(" " + a.get(i++));
        j++;
      } else if (len[(i + 1) * w + j] >= len[i * w + j + 1]) {
        ops.add("-" + a.get(i++));
      } else {
        ops.add("+" + b.get(j++));
      }
    }
    while (i < n) {
      ops.add("-" + a.get(i++));
    }
    while (j < m) {
      ops.add("+" + b.get(j++));
    }
  }
}
