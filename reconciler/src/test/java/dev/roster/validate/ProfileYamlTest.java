package dev.roster.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link ProfileYaml} reads every bundled profile, each to what SnakeYAML's SafeConstructor makes
 * of it; any text it does not read that way it refuses ({@link ProfileYaml.Unhandled}), so that
 * the profile reader falls back to the constructor.
 */
class ProfileYamlTest {
  private static Object safe(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  @Test
  void readsEveryBundledProfileAsTheConstructorDoes() throws IOException {
    int read = 0;
    for (String rel : SchemaIndexTest.index()) {
      if (rel.endsWith(".profile.yaml")) {
        String text = Files.readString(SchemaIndexTest.SCHEMA.resolve(rel), StandardCharsets.UTF_8);
        assertEquals(safe(text), ProfileYaml.read(text), rel); // and no Unhandled
        read++;
      }
    }
    assertTrue(read > 10, "profiles: " + read);
  }

  @Test
  void givesTheConstructorsValuesOrRefuses() {
    List<String> refused = new ArrayList<>();
    for (String text : List.of("a: yes", "a: On", "a: FALSE", "a: ~", "a: null", "a:", "a: -0",
        "a: 0", "a: 2147483648", "a: -2147483649", "a: '5'", "a: !!str 5", "a: [1, {b: off}]",
        "a: &x [1]\nb: *x", "1: one", "", "- a\n- 2",
        // refused: the constructor's other readings
        "a: 0x1f", "a: 010", "a: 1_000", "a: +5", "a: 1:30", "a: 1.5", "a: .inf",
        "a: 2001-12-14", "<<: {a: 1}", "a: !custom x", "a: 99999999999999999999",
        "a: !!binary aGk=", "a: !!set {x}", "a: &r [*r]")) {
      Object fast;
      try {
        fast = ProfileYaml.read(text);
      } catch (ProfileYaml.Unhandled e) {
        refused.add(text);
        continue;
      }
      assertEquals(safe(text), fast, text);
    }
    assertEquals(List.of("a: 0x1f", "a: 010", "a: 1_000", "a: +5", "a: 1:30", "a: 1.5",
        "a: .inf", "a: 2001-12-14", "<<: {a: 1}", "a: !custom x", "a: 99999999999999999999",
        "a: !!binary aGk=", "a: !!set {x}", "a: &r [*r]"), refused);
  }

  @Test
  void aBundledProfileThatDoesNotReadFallsBackToTheConstructor() {
    String text = "scope: Cluster\nwave: 010\n"; // octal 8 to the constructor
    assertThrows(ProfileYaml.Unhandled.class, () -> ProfileYaml.read(text));
    assertEquals(ProfileReader.read("x.profile.yaml", text),
        ProfileReader.read("x.profile.yaml", text, true));
    assertEquals(8, ProfileReader.read("x.profile.yaml", text, true).wave());
  }
}
