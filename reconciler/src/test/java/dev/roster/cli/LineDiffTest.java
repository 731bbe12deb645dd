package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  private static List<String> lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "l" + i).toList();
  }

  private static List<String> replaced(List<String> base, int index, String line) {
    List<String> out = new ArrayList<>(base);
    out.set(index, line);
    return out;
  }

  @Test
  void identicalInputHasNoHunks() {
    assertEquals(List.of(), LineDiff.diff(lines(1, 20), lines(1, 20), 3));
    assertEquals(List.of(), LineDiff.unified(List.of(), List.of(), 3));
  }

  @Test
  void insertion() {
    List<String> b = new ArrayList<>(lines(1, 10));
    b.add(5, "new");
    assertEquals(List.of("@@ -3,6 +3,7 @@", " l3", " l4", " l5", "+new", " l6", " l7", " l8"),
        LineDiff.unified(lines(1, 10), b, 3));
  }

  @Test
  void deletion() {
    List<String> b = new ArrayList<>(lines(1, 10));
    b.remove("l5");
    assertEquals(List.of("@@ -2,7 +2,6 @@", " l2", " l3", " l4", "-l5", " l6", " l7", " l8"),
        LineDiff.unified(lines(1, 10), b, 3));
  }

  @Test
  void changeListsRemovedBeforeAdded() {
    List<String> b = replaced(lines(1, 10), 9, "ten");
    assertEquals(List.of("@@ -7,4 +7,4 @@", " l7", " l8", " l9", "-l10", "+ten"),
        LineDiff.unified(lines(1, 10), b, 3));
  }

  @Test
  void nearbyChangesShareOneHunk() {
    // changes at l5 and l11: 5 unchanged lines between, within 2 * 3 context, so one hunk
    List<String> b = replaced(replaced(lines(1, 20), 4, "five"), 10, "eleven");
    List<LineDiff.Hunk> hunks = LineDiff.diff(lines(1, 20), b, 3);
    assertEquals(1, hunks.size());
    assertEquals("@@ -2,13 +2,13 @@", hunks.get(0).header());
    assertEquals(List.of(" l2", " l3", " l4", "-l5", "+five", " l6", " l7", " l8", " l9", " l10",
        "-l11", "+eleven", " l12", " l13", " l14"), hunks.get(0).lines());
  }

  @Test
  void distantChangesGetSeparateHunks() {
    // changes at l5 and l13: 7 unchanged lines between, more than 2 * 3, so two hunks
    List<String> b = replaced(replaced(lines(1, 20), 4, "five"), 12, "thirteen");
    assertEquals(List.of(
        "@@ -2,7 +2,7 @@", " l2", " l3", " l4", "-l5", "+five", " l6", " l7", " l8",
        "@@ -10,7 +10,7 @@", " l10", " l11", " l12", "-l13", "+thirteen", " l14", " l15", " l16"),
        LineDiff.unified(lines(1, 20), b, 3));
  }

  @Test
  void emptySidesAndZeroContext() {
    assertEquals(List.of("@@ -0,0 +1,2 @@", "+a", "+b"),
        LineDiff.unified(List.of(), List.of("a", "b"), 3));
    assertEquals(List.of("@@ -1,2 +0,0 @@", "-a", "-b"),
        LineDiff.unified(List.of("a", "b"), List.of(), 3));
    List<String> b = new ArrayList<>(lines(1, 10));
    b.add(5, "new");
    assertEquals(List.of("@@ -5,0 +6 @@", "+new"), LineDiff.unified(lines(1, 10), b, 0));
    assertThrows(IllegalArgumentException.class, () -> LineDiff.diff(List.of(), List.of(), -1));
  }

  @Test
  void interleavedEditsFollowTheLongestCommonSubsequence() {
    List<String> a = List.of("a", "b", "c", "d", "e");
    List<String> b = List.of("a", "c", "d", "x", "e");
    assertEquals(List.of("@@ -1,5 +1,5 @@", " a", "-b", " c", " d", "+x", " e"),
        LineDiff.unified(a, b, 3));
  }

  @Test
  void hugeInputsAreStillDiffedLineByLine() {
    int n = 20_000;
    List<String> a = new ArrayList<>(List.of("head"));
    List<String> b = new ArrayList<>(List.of("head"));
    for (int i = 0; i < n; i++) {
      a.add("old" + i);
      b.add(i % 2 == 1 ? "old" + i : "new" + i); // every other line differs
    }
    a.add("tail");
    b.add("tail");
    List<LineDiff.Hunk> hunks = LineDiff.diff(a, b, 0);
    assertEquals(n / 2, hunks.size(), "one hunk per changed line, unchanged lines matched");
    assertEquals(List.of("-old0", "+new0"), hunks.get(0).lines());
    assertEquals("@@ -2 +2 @@", hunks.get(0).header());
    assertTrue(hunks.stream().allMatch(h -> h.oldCount() == 1 && h.newCount() == 1));
  }
}
