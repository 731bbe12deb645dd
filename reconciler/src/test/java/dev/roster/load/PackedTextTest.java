package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed texts come back equal: short, long, multi-byte, incompressible. */
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
}
