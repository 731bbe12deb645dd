package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roster.load.ResourceKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What moved since a version: the keys named, or unknown after any doubt or too long ago. */
class LiveJournalTest {
  private static final ResourceKey A = new ResourceKey("", "ConfigMap", "ns", "a");
  private static final ResourceKey B = new ResourceKey("", "ConfigMap", "ns", "b");

  @Test
  void namesTheKeysMovedSinceAVersion() {
    LiveJournal j = new LiveJournal();
    long v0 = j.version();
    j.moved(A);
    long v1 = j.version();
    j.moved(B);
    j.moved(A);
    assertEquals(Set.of(A, B), j.since(v0));
    assertEquals(Set.of(A, B), j.since(v1));
    assertEquals(Set.of(), j.since(j.version()));
  }

  @Test
  void aDoubtOrAVersionTooOldIsUnknown() {
    LiveJournal j = new LiveJournal();
    long v0 = j.version();
    j.moved(A);
    long v1 = j.version();
    j.moved(null); // a watch error, relist or informer start
    long v2 = j.version();
    j.moved(B);
    assertNull(j.since(v0));
    assertNull(j.since(v1));
    assertEquals(Set.of(B), j.since(v2));
    for (int i = 0; i < LiveJournal.KEPT; i++) {
      j.moved(A);
    }
    assertNull(j.since(v2), "more moves than are kept");
    assertNull(j.since(j.version() + 1), "a version not handed out");
  }
}
