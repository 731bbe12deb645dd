package dev.roster.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Parses the text of one file into manifests. Safe by construction: no object construction from
 * tags, duplicate keys rejected, aliases of collections capped, recursive aliases refused, and
 * nesting and expanded size capped. Stops at the first syntax error of a file; documents before it
 * are kept.
 */
public final class YamlParser {
  private final LoadOptions options;

  public YamlParser(LoadOptions options) {
    this.options = options;
  }

  /** Result for one file. */
  public record Parsed(List<Manifest> manifests, List<Problem> problems) {}

  /**
   * The manifests and problems of one file. Texts in the common block-style subset are read by
   * {@link BlockYamlParser} (several times faster); everything else, and every text with a
   * problem, by SnakeYAML: the result is the same either way. The fast path is only a speed-up:
   * should it fail on a text, SnakeYAML reads that text (its tests call it directly, so such a
   * failure still shows there).
   */
  public Parsed parse(String file, String text) {
    List<BlockYamlParser.Document> docs;
    try {
      docs = BlockYamlParser.parse(text, options);
    } catch (RuntimeException e) {
      docs = null;
    }
    return docs == null ? parseWithSnakeYaml(file, text) : parsed(file, docs);
  }

  private static Parsed parsed(String file, List<BlockYamlParser.Document> docs) {
    List<Manifest> manifests = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int doc = 0; doc < docs.size(); doc++) {
      BlockYamlParser.Document d = docs.get(doc);
      if (d.value() != null) {
        d.index().put("", d.at());
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) d.value();
        ListItems.add(new Origin(file, doc, d.at().line(), d.at().column()), object, d.index(),
            manifests, problems);
      }
    }
    return new Parsed(manifests, problems);
  }

  /** {@link #parse} with SnakeYAML only: any text, every problem located. */
  Parsed parseWithSnakeYaml(String file, String text) {
    LoaderOptions lo = new LoaderOptions();
    lo.setAllowDuplicateKeys(true); // checked below, with both locations
    lo.setMaxAliasesForCollections(Integer.MAX_VALUE); // counted below, with a location
    lo.setNestingDepthLimit(options.maxDepth());
    lo.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, options.maxFileBytes() + 16));
    lo.setMergeOnCompose(true);
    lo.setProcessComments(false);
    ParserImpl events = new ParserImpl(new StreamReader(text), lo);
    Composer composer = new Composer(events, new PlainTagResolver(), lo);
    List<Manifest> manifests = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    int doc = 0;
    try {
      while (composer.checkNode()) {
        Node root = composer.getNode();
        Walk walk = new Walk(file, problems);
        Object value = walk.value(root, "", 0);
        walk.index.put("", walk.at(root.getStartMark())); // the document itself
        if (!walk.failed() && value != null) {
          Mark m = root.getStartMark();
          Origin origin = new Origin(file, doc, m.getLine() + 1, m.getColumn() + 1);
          if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            ListItems.add(origin, object, walk.index, manifests, problems);
          } else {
            problems.add(
                Problem.fileError(
                    file, origin.line(), origin.column(),
                    "document is not a mapping: a Kubernetes object with apiVersion and kind"
                        + " was expected"));
          }
        }
        doc++;
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.add(
          Problem.fileError(
              file,
              m == null ? 0 : m.getLine() + 1,
              m == null ? 0 : m.getColumn() + 1,
              invalid(file) + clean(e.getProblem() != null ? e.getProblem() : e.getMessage())));
    } catch (YAMLException e) {
      Mark m = pendingMark(events);
      problems.add(Problem.fileError(file, m == null ? 0 : m.getLine() + 1,
          m == null ? 0 : m.getColumn() + 1, invalid(file) + clean(e.getMessage())));
    }
    return new Parsed(manifests, problems);
  }

  /**
   * Where the parser stands after an error that carries no mark (the composer's nesting limit):
   * the start of the event not yet composed, which is the collection nested one level too deep.
   */
  private static Mark pendingMark(ParserImpl events) {
    try {
      Event next = events.peekEvent();
      return next == null ? null : next.getStartMark();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** JSON files are read as YAML (JSON is YAML's flow style), but named for what they are. */
  private static String invalid(String file) {
    return file.endsWith(".json") ? "invalid JSON (read as YAML): " : "invalid YAML: ";
  }

  private static String clean(String s) {
    String first = s == null ? "unreadable" : s.strip().lines().findFirst().orElse(s);
    return first.replace("Nesting Depth exceeded max", "nesting deeper than");
  }

  /** Converts one document's node graph, indexing pointers and enforcing the limits. */
  private final class Walk {
    final String file;
    final List<Problem> problems;
    final Map<String, Location> index = new HashMap<>();
    final IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
    final IdentityHashMap<Node, Boolean> onPath = new IdentityHashMap<>();
    int nodes;
    int aliases;

    Walk(String file, List<Problem> problems) {
      this.file = file;
      this.problems = problems;
    }

    Object value(Node node, String pointer, int depth) {
      if (!(node instanceof ScalarNode) && seen.put(node, Boolean.TRUE) != null) {
        if (onPath.containsKey(node)) {
          return fail(node, pointer, "recursive alias: a collection contains itself");
        }
        if (++aliases > options.maxAliases()) {
          return fail(node, pointer,
              "more than " + options.maxAliases() + " aliases of collections in one document");
        }
      }
      if (++nodes > options.maxNodes()) {
        return fail(node, pointer,
            "document expands to more than " + options.maxNodes() + " values (alias bomb?)");
      }
      if (depth > options.maxDepth()) {
        return fail(node, pointer, "nesting deeper than " + options.maxDepth());
      }
      if (node instanceof ScalarNode s) {
        return scalar(s, pointer);
      }
      onPath.put(node, Boolean.TRUE);
      try {
        if (node instanceof SequenceNode seq) {
          return sequence(seq, pointer, depth);
        }
        return mapping((MappingNode) node, pointer, depth);
      } finally {
        onPath.remove(node);
      }
    }

    private List<Object> sequence(SequenceNode seq, String pointer, int depth) {
      List<Object> list = new ArrayList<>(seq.getValue().size());
      int i = 0;
      for (Node item : seq.getValue()) {
        String p = pointer + "/" + i++;
        index.putIfAbsent(p, at(item.getStartMark()));
        list.add(value(item, p, depth + 1));
        if (failed()) {
          return null;
        }
      }
      return Collections.unmodifiableList(list);
    }

    private Map<String, Object> mapping(MappingNode map, String pointer, int depth) {
      Object[] out = new Object[map.getValue().size() * 2];
      Map<String, Mark> keys = new HashMap<>();
      int n = 0;
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode kn)) {
          return fail(t.getKeyNode(), pointer, "complex mapping keys are not supported");
        }
        Object typed = scalar(kn, pointer);
        if (failed()) {
          return null;
        }
        String key = typed instanceof String s ? s : ScalarTyper.keyString(typed).intern();
        String p = pointer + "/" + PointerIndex.escape(key);
        // keys such as true or 8080 reach kubectl as written: nothing to warn about
        if (!(typed instanceof String) && !key.equals(kn.getValue())) {
          Location at = at(kn.getStartMark());
          problems.add(new Problem(file, at.line(), at.column(), "", p, "key " + kn.getValue()
              + " is read as " + key + " by kubectl (YAML 1.1); quote it to keep the text",
              Severity.WARNING));
        }
        Mark first = keys.putIfAbsent(key, kn.getStartMark());
        if (first != null) {
          index.put(p, at(kn.getStartMark()));
          return fail(kn, p,
              "duplicate key \"" + key + "\" (first at line " + (first.getLine() + 1) + ")");
        }
        index.putIfAbsent(p, at(kn.getStartMark()));
        out[n++] = key;
        out[n++] = value(t.getValueNode(), p, depth + 1);
        if (failed()) {
          return null;
        }
      }
      return CompactTrees.ofPairs(out);
    }

    private Object scalar(ScalarNode s, String pointer) {
      Tag tag = s.getTag();
      String v = s.getValue();
      if (tag.equals(PlainTagResolver.PLAIN)) {
        Object typed = ScalarTyper.type(v);
        return typed instanceof String str ? str.intern() : typed;
      }
      if (tag.equals(Tag.STR) || tag.equals(Tag.BINARY) || tag.equals(Tag.TIMESTAMP)) {
        return v.intern();
      }
      if (tag.equals(Tag.NULL)) {
        return null;
      }
      if (tag.equals(Tag.BOOL) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
        Object typed = ScalarTyper.type(v);
        boolean ok = tag.equals(Tag.BOOL) ? typed instanceof Boolean
            : tag.equals(Tag.INT) ? typed instanceof Number && !(typed instanceof Double)
            : typed instanceof Number;
        if (ok) {
          return tag.equals(Tag.FLOAT) ? ((Number) typed).doubleValue() : typed;
        }
        // the value is left out: it may be a secret, and the location already points at it
        return fail(s, pointer, "value does not match its tag " + tag.getValue());
      }
      return fail(s, pointer, "unsupported tag " + tag.getValue());
    }

    private boolean failed() {
      return nodes < 0;
    }

    private <T> T fail(Node node, String pointer, String message) {
      Location loc = index.getOrDefault(pointer, at(node.getStartMark()));
      problems.add(new Problem(file, loc.line(), loc.column(), "", pointer, message,
          Severity.ERROR));
      nodes = Integer.MIN_VALUE; // stop the walk: one problem per document is enough
      return null;
    }

    private Location at(Mark m) {
      return new Location(m.getLine() + 1, m.getColumn() + 1);
    }
  }
}
