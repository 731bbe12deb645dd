package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up thread {@code roster validate} starts: a catalog load waits for it to end (so the
 * main thread never initialises the JSON libraries' classes beside it), and the catalog then
 * compiles and checks every bundled kind as one loaded without it.
 */
class CatalogWarmupTest {
  @Test
  void aLoadWaitsForTheWarmupAndCompilesEveryKind() {
    CatalogWarmup.start();
    CatalogWarmup.start(); // once: a second call starts nothing
    SchemaCatalog catalog = SchemaCatalog.load(List.of());
    assertFalse(CatalogWarmup.running(), "the load returned before the warm-up ended");
    SchemaCatalog plain = SchemaCatalog.load(List.of(), false);
    assertEquals(plain.kinds(), catalog.kinds());
    for (KindId k : catalog.kinds()) {
      assertTrue(catalog.schema(k).isPresent(), k.toString());
    }
  }
}
