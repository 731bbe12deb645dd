package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compact copies are equal to the originals, keep their order, and cannot be written to. */
@SuppressWarnings("unchecked")
class CompactTreesTest {
  private static Map<String, Object> tree() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("z", 1L);
    spec.put("a", Arrays.asList("x", null, Map.of("k", true)));
    spec.put("none", null);
    Map<String, Object> big = new LinkedHashMap<>();
    for (int i = CompactTrees.SMALL + 3; i > 0; i--) {
      big.put("key" + i, i % 2 == 0 ? "v" + i : 1.5);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "ConfigMap");
    root.put("spec", spec);
    root.put("data", big);
    return root;
  }

  @Test
  void equalsTheOriginalBothWaysAndIteratesInItsOrder() {
    Map<String, Object> original = tree();
    Map<String, Object> copy = CompactTrees.copyMap(original);
    assertEquals(original, copy);
    assertEquals(copy, original);
    assertEquals(original.hashCode(), copy.hashCode());
    assertEquals(original.toString(), copy.toString());
    assertEquals(List.copyOf(((Map<?, ?>) original.get("data")).keySet()),
        List.copyOf(((Map<?, ?>) copy.get("data")).keySet()));
    List<String> order = new ArrayList<>();
    ((Map<String, Object>) copy.get("spec")).forEach((k, v) -> order.add(k));
    assertEquals(List.of("z", "a", "none"), order);
    Map<?, ?> spec = (Map<?, ?>) copy.get("spec");
    assertTrue(spec.containsKey("none"));
    assertNull(spec.get("none"));
    assertNull(spec.get("absent"));
  }

  @Test
  void sharesStringsAndRefusesWrites() {
    Map<String, Object> a = CompactTrees.copyMap(Map.of("k", new String("value")));
    Map<String, Object> b = CompactTrees.copyMap(Map.of("k", new String("value")));
    assertSame(a.get("k"), b.get("k"));
    Map<String, Object> copy = CompactTrees.copyMap(tree());
    assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
    assertThrows(UnsupportedOperationException.class,
        () -> ((Map<String, Object>) copy.get("data")).put("x", 1));
    assertThrows(UnsupportedOperationException.class,
        () -> ((List<Object>) ((Map<?, ?>) copy.get("spec")).get("a")).add("y"));
  }

  @Test
  void withPutsAsALinkedHashMapDoes() {
    for (int size : new int[] {2, CompactTrees.SMALL}) {
      Map<String, Object> base = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        base.put("k" + i, i);
      }
      Map<String, Object> expected = new LinkedHashMap<>(base);
      expected.put("k1", "new");
      expected.put("added", true);
      Map<String, Object> got = CompactTrees.with(base, "k1", "new", "added", true);
      assertEquals(expected, got);
      assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()));
      assertEquals(List.copyOf(base.keySet()), List.copyOf(CompactTrees.flat(base).keySet()));
    }
  }

  /** Every size of map (in fields up to four entries, then an array) behaves as the original. */
  @Test
  void mapsOfEverySizeAnswerAsTheOriginal() {
    for (int n = 0; n <= CompactTrees.SMALL + 1; n++) {
      Map<String, Object> original = new LinkedHashMap<>();
      for (int i = n; i > 0; i--) {
        original.put("k" + i, i == 2 ? null : i % 2 == 0 ? "v" + i : List.of((long) i));
      }
      Map<String, Object> copy = CompactTrees.copyMap(original);
      assertEquals(original, copy);
      assertEquals(copy, original);
      assertEquals(original.hashCode(), copy.hashCode());
      assertEquals(original.toString(), copy.toString());
      assertEquals(List.copyOf(original.entrySet()), List.copyOf(copy.entrySet()));
      for (String k : original.keySet()) {
        assertTrue(copy.containsKey(k), k);
        assertEquals(original.get(k), copy.get(k), k);
      }
      assertNull(copy.get("absent"));
      assertEquals(false, copy.containsKey("absent"));
      Map<String, Object> seen = new LinkedHashMap<>();
      copy.forEach(seen::put);
      assertEquals(List.copyOf(original.keySet()), List.copyOf(seen.keySet()));
      assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 1));
    }
  }

  @Test
  void listsKeepNullsAndAnswerForThem() {
    List<Object> original = Arrays.asList("a", null, 2L);
    List<Object> copy = (List<Object>) CompactTrees.copy(original);
    assertEquals(original, copy);
    assertEquals(copy, original);
    assertEquals(original.hashCode(), copy.hashCode());
    assertTrue(copy.contains(null));
    assertEquals(1, copy.indexOf(null));
    assertEquals(false, ((List<Object>) CompactTrees.copy(List.of("a"))).contains(null));
    assertThrows(UnsupportedOperationException.class, () -> copy.set(0, "b"));
    assertThrows(UnsupportedOperationException.class, () -> copy.add("b"));
  }
}
