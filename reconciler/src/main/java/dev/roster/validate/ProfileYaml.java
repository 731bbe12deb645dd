package dev.roster.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a profile's YAML into the same maps, lists and scalars as SnakeYAML's {@code Yaml} with
 * a {@code SafeConstructor} (what {@link ProfileReader} falls back to), through SnakeYAML's
 * composer alone, which reading the repo has already warmed: the constructor's first use costs a
 * short command more than reading every bundled profile. Only what profiles hold is read here:
 * mappings, sequences, strings, booleans, nulls and plain decimal integers. Anything else (floats,
 * timestamps, octal or hex integers, merge keys, other tags, deep or recursive nesting) throws
 * {@link Unhandled}, and the caller reads the text with the constructor.
 */
final class ProfileYaml {
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final int MAX_DEPTH = 64;

  private ProfileYaml() {}

  /** This reader does not read the text as the constructor would; use the constructor. */
  static final class Unhandled extends RuntimeException {
    Unhandled() {
      super(null, null, false, false);
    }
  }

  /** The document in {@code text}; null for an empty one. */
  static Object read(String text) {
    LoaderOptions options = new LoaderOptions();
    Composer composer = new Composer(new ParserImpl(new StreamReader(text), options),
        new Resolver(), options);
    Node root = composer.getSingleNode();
    return root == null ? null : value(root, 0);
  }

  private static Object value(Node node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Unhandled();
    }
    Tag tag = node.getTag();
    if (node instanceof MappingNode m && Tag.MAP.equals(tag)) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        out.put(value(t.getKeyNode(), depth + 1), value(t.getValueNode(), depth + 1));
      }
      return out;
    }
    if (node instanceof SequenceNode s && Tag.SEQ.equals(tag)) {
      List<Object> out = new ArrayList<>(s.getValue().size());
      for (Node item : s.getValue()) {
        out.add(value(item, depth + 1));
      }
      return out;
    }
    if (node instanceof ScalarNode s) {
      return scalar(tag, s.getValue());
    }
    throw new Unhandled();
  }

  private static Object scalar(Tag tag, String v) {
    if (Tag.STR.equals(tag)) {
      return v;
    }
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "yes", "true", "on" -> {
          return Boolean.TRUE;
        }
        case "no", "false", "off" -> {
          return Boolean.FALSE;
        }
        default -> throw new Unhandled();
      }
    }
    if (Tag.INT.equals(tag) && DECIMAL.matcher(v).matches()) {
      try {
        return Integer.valueOf(v); // the constructor's order: int, then long, then big
      } catch (NumberFormatException e) {
        try {
          return Long.valueOf(v);
        } catch (NumberFormatException e2) {
          throw new Unhandled();
        }
      }
    }
    throw new Unhandled();
  }
}
