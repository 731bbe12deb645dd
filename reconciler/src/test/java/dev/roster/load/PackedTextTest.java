package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Packed texts come back equal: short, long, multi-byte, incompressible; and a short manifest,
 * too short to repeat itself, is packed small by the preset dictionary.
 */
class PackedTextTest {
  @Test
  void givesBackTheTextPacked() {
    StringBuilder noise = new StringBuilder();
    Random r = new Random(7);
    for (int i = 0; i < 5000; i++) {
      noise.append((char) (0x20 + r.nextInt(0x2fff)));
    }
    for (String text : new String[] {"", "a", "kind: ConfigMap\nmetadata:\n  name: x\n",
        "name: Grüße — 日本語 🙂\n".repeat(50), noise.toString()}) {
      assertEquals(text, PackedText.of(text).text());
    }
  }

  @Test
  void aShortManifestPacksToLessThanHalf() {
    String text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
        + "  namespace: shop\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  replicas: 2\n"
        + "  selector:\n    matchLabels:\n      app.kubernetes.io/name: web\n";
    int packed = PackedText.of(text).size();
    assertTrue(packed * 2 < text.length(), packed + " bytes packed of " + text.length());
    assertEquals(text, PackedText.of(text).text());
  }
}
