package dev.roster.cli;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * A line diff in unified format, for showing people what a plan changes.
 *
 * <p>Contract: lines are matched by JGit's histogram diff (the algorithm of {@code git diff
 * --histogram}, falling back to Myers), in near-linear time for any size. Within a change, removed
 * lines come before added ones. Changes separated by at most {@code 2 *
 * context} unchanged lines share one hunk. Identical inputs give no hunks.
 */
public final class LineDiff {
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

  /** The whole edit script, one prefixed line per step, from JGit's histogram diff. */
  private static List<String> script(List<String> a, List<String> b) {
    EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
        .diff(Lines.COMPARATOR, new Lines(a), new Lines(b));
    List<String> ops = new ArrayList<>(a.size() + b.size());
    int i = 0;
    for (Edit e : edits) {
      while (i < e.getBeginA()) {
        ops.add(" " + a.get(i++));
      }
      a.subList(e.getBeginA(), e.getEndA()).forEach(l -> ops.add("-" + l));
      b.subList(e.getBeginB(), e.getEndB()).forEach(l -> ops.add("+" + l));
      i = e.getEndA();
    }
    while (i < a.size()) {
      ops.add(" " + a.get(i++));
    }
    return ops;
  }

  /** A list of lines as a JGit sequence, lines compared by {@link String#equals}. */
  private static final class Lines extends Sequence {
    static final SequenceComparator<Lines> COMPARATOR = new SequenceComparator<>() {
      @Override
      public boolean equals(Lines a, int ai, Lines b, int bi) {
        return a.lines.get(ai).equals(b.lines.get(bi));
      }

      @Override
      public int hash(Lines s, int i) {
        return s.lines.get(i).hashCode();
      }
    };

    private final List<String> lines;

    Lines(List<String> lines) {
      this.lines = lines;
    }

    @Override
    public int size() {
      return lines.size();
    }
  }
}
