package dev.roster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A generated ConfigMap the benchmark edits: change {@code i} appends " Change i." to the second
 * sentence of its {@code guide.md}, so every change gives a new, predictable live value.
 *
 * @param path the file, relative to the repo root
 * @param name the ConfigMap's name
 * @param original the file as generated
 */
record ChangeTarget(String path, String name, String original) {
  private static final String SENTENCE = "Keep changes small.";
  private static final Pattern NAME = Pattern.compile("\n  name: (\\S+)\n");

  /** The ConfigMaps in {@code namespace} under {@code root} whose {@code key} can be edited. */
  static List<ChangeTarget> configMaps(Path root, String namespace, String key)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<ChangeTarget> out = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      Matcher m = NAME.matcher(text);
      if (text.contains("kind: ConfigMap\n") && text.contains("namespace: " + namespace + "\n")
          && text.contains("  " + key + ": |\n") && text.contains(SENTENCE) && m.find()) {
        out.add(new ChangeTarget(root.relativize(f).toString().replace('\\', '/'), m.group(1),
            text));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no ConfigMap to change in namespace " + namespace);
    }
    return out;
  }

  /** The file after change {@code i}. */
  String contents(int i) {
    return original.replace(SENTENCE + "\n", SENTENCE + " Change " + i + ".\n");
  }

  /** The live value of the key after change {@code i}. */
  String value(int i) {
    String block = original.substring(original.indexOf("|\n") + 2);
    return block.replace(SENTENCE + "\n", SENTENCE + " Change " + i + ".\n").strip() + "\n";
  }
}
