package dev.roster.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the block-style subset of YAML most manifests are written in, with no token or node
 * objects in between: block mappings and sequences (indentless ones too), one-line plain and
 * quoted scalars, literal block scalars ({@code |}, {@code |-}), one-line flow sequences of plain
 * scalars, {@code {}} and {@code []}, comments and {@code ---} separators.
 *
 * <p>Contract: for a text it accepts, the documents (values, pointer locations, document
 * numbers) are exactly what {@link YamlParser}'s SnakeYAML path makes of it; for anything else —
 * any other construct (anchors, aliases, tags, flow mappings, folded or multi-line scalars,
 * escapes, merge keys, tabs, CR, characters beyond the BMP), anything that would be a problem
 * (duplicate keys, keys that are not strings, a document that is not a mapping, syntax errors)
 * or anything near a limit — it returns null, and the caller parses with SnakeYAML. It never
 * reports a problem itself: every message comes from the one path.
 */
final class BlockYamlParser {
  /** One document: its value (null when empty), the locations of its values, where it starts. */
  record Document(Object value, Map<String, Location> index, Location at) {}

  private static final RuntimeException OUT = YamlLines.OUT;
  /** A plain {@code <<}: the merge tag, anywhere (see {@link PlainTagResolver}). */
  private static final String MERGE = "<<";

  private final YamlLines t;
  private final String text;
  private final char[] chars;
  private final int[] starts;
  private final LoadOptions options;
  private int ln; // the current line
  private int end; // the first line after the current document
  private int nodes;
  private Map<String, Location> index;

  private BlockYamlParser(String text, LoadOptions options) {
    this.t = new YamlLines(text);
    this.text = text;
    this.chars = t.chars;
    this.starts = t.starts;
    this.options = options;
  }

  /** The documents of {@code text}, or null when it is outside the subset (see the contract). */
  static List<Document> parse(String text, LoadOptions options) {
    try {
      return new BlockYamlParser(text, options).documents();
    } catch (RuntimeException e) {
      if (e == OUT) {
        return null;
      }
      throw e;
    }
  }

  private List<Document> documents() {
    List<Document> out = new ArrayList<>();
    int from = 0;
    boolean explicit = false;
    for (int i = 0; i <= t.lines; i++) {
      if (i < t.lines && !t.marker(i)) {
        continue;
      }
      if (explicit || t.content(from, i) < i) {
        out.add(document(from, i));
      }
      explicit = true;
      from = i + 1;
    }
    return out;
  }

  private Document document(int from, int to) {
    index = new HashMap<>();
    nodes = 0;
    end = to;
    ln = t.content(from, to);
    if (ln == to) {
      return new Document(null, index, null);
    }
    int col = t.indent(ln);
    int p = starts[ln] + col;
    Location at = t.at(ln, p);
    if (!isKey(p)) {
      throw OUT; // a sequence or scalar document: a problem, or a rare shape
    }
    Object value = mapping(col, "", 0);
    if (t.content(ln, to) != to) {
      throw OUT;
    }
    return new Document(value, index, at);
  }

  /** The block mapping whose first key is on the current line at column {@code col}. */
  private Object mapping(int col, String pointer, int depth) {
    count(depth);
    Object[] kv = new Object[8];
    int n = 0;
    for (boolean first = true; ; first = false) {
      if (!first) {
        ln = t.content(ln, end);
        if (ln == end || t.indent(ln) < col) {
          break;
        }
        if (t.indent(ln) > col) {
          throw OUT;
        }
      }
      int p = starts[ln] + col;
      int colon = t.keyEnd(p, ln);
      if (colon < 0) {
        throw OUT;
      }
      String key = key(p, colon);
      for (int i = 0; i < n; i += 2) {
        if (kv[i].equals(key)) {
          throw OUT; // duplicate: SnakeYAML's path names both places
        }
      }
      String ptr = pointer + "/" + PointerIndex.escape(key);
      index.putIfAbsent(ptr, t.at(ln, p));
      if (n == kv.length) {
        kv = Arrays.copyOf(kv, n * 2);
      }
      kv[n++] = key;
      kv[n++] = value(colon + 1, col, ptr, depth + 1, true);
    }
    return CompactTrees.ofPairs(n == kv.length ? kv : Arrays.copyOf(kv, n));
  }

  /** The block sequence whose {@code -} entries are at column {@code col}, from the current line. */
  private Object sequence(int col, String pointer, int depth) {
    count(depth);
    ArrayList<Object> list = new ArrayList<>();
    while (true) {
      ln = t.content(ln, end);
      if (ln == end || t.indent(ln) < col) {
        break;
      }
      if (t.indent(ln) > col) {
        throw OUT;
      }
      if (!t.entry(ln, col)) {
        break; // the next key of the mapping an indentless sequence is the value of
      }
      int p = t.spaces(starts[ln] + col + 1);
      if (p == t.lineEnd(ln) || chars[p] == '#' || t.entry(ln, p - starts[ln])) {
        throw OUT; // an empty entry, or a sequence in a sequence
      }
      String ptr = pointer + "/" + list.size();
      index.putIfAbsent(ptr, t.at(ln, p));
      if (isKey(p)) {
        list.add(mapping(p - starts[ln], ptr, depth + 1));
      } else {
        list.add(value(p, col, ptr, depth + 1, false));
      }
    }
    list.trimToSize(); // as the SnakeYAML path sizes it: the tree is held
    return Collections.unmodifiableList(list);
  }

  /**
   * The value that starts at {@code p} (after a key's colon, or after a {@code -}) in a collection
   * at column {@code col}; leaves the current line after it.
   */
  private Object value(int p, int col, String pointer, int depth, boolean ofKey) {
    p = t.spaces(p);
    int eol = t.lineEnd(ln);
    if (p == eol || chars[p] == '#') {
      int next = t.content(ln + 1, end);
      if (next < end && t.indent(next) > col) {
        ln = next;
        int q = starts[next] + t.indent(next);
        return t.entry(next, t.indent(next)) ? sequence(t.indent(next), pointer, depth)
            : isKey(q) ? mapping(t.indent(next), pointer, depth) : out();
      }
      if (ofKey && next < end && t.indent(next) == col && t.entry(next, col)) {
        ln = next;
        return sequence(col, pointer, depth);
      }
      count(depth);
      ln++;
      return ScalarTyper.type(""); // an empty value: null
    }
    count(depth);
    char c = chars[p];
    Object value;
    int after;
    if (c == '|' && ofKey) {
      return literal(p + 1, col);
    } else if (c == '\'' || c == '"') {
      int close = t.closingQuote(p, eol);
      value = t.unquote(p, close).intern();
      after = close + 1;
    } else if (c == '[' || c == '{') {
      int close = text.indexOf(c == '[' ? ']' : '}', p);
      if (close < 0 || close > eol) {
        throw OUT;
      }
      value = c == '[' ? flow(p + 1, close, pointer, depth + 1) : emptyMap(p + 1, close);
      after = close + 1;
    } else {
      if (!t.plainStart(p)) {
        throw OUT;
      }
      int stop = t.comment(p, eol);
      int last = stop;
      while (chars[last - 1] == ' ') {
        last--;
      }
      String v = text.substring(p, last);
      if (v.contains(": ") || v.endsWith(":") || v.equals(MERGE)) {
        throw OUT; // a merge tag where a value stands is a problem the SnakeYAML path reports
      }
      Object typed = ScalarTyper.type(v);
      value = typed instanceof String s ? s.intern() : typed;
      after = stop;
    }
    after = t.spaces(after);
    if (after < eol && (chars[after] != '#' || chars[after - 1] != ' ')) {
      throw OUT;
    }
    int next = t.content(ln + 1, end);
    if (next < end && t.indent(next) > col) {
      throw OUT; // a scalar continued on the next line, or an error
    }
    ln++;
    return value;
  }

  /** A literal block scalar ({@code |} or {@code |-}) whose header follows {@code p}. */
  private Object literal(int p, int col) {
    boolean strip = p < t.lineEnd(ln) && chars[p] == '-';
    int q = t.spaces(strip ? p + 1 : p);
    if (q < t.lineEnd(ln) && (chars[q] != '#' || chars[q - 1] != ' ')) {
      throw OUT; // keep (+), an indentation indicator, or anything else
    }
    int first = ln + 1;
    while (first < end && t.lineEnd(first) == starts[first]) {
      first++;
    }
    if (first == end || t.indent(first) <= col || t.indent(first) == t.lineEnd(first) - starts[first]) {
      throw OUT; // empty, or a line of spaces
    }
    int indent = t.indent(first);
    StringBuilder sb = new StringBuilder();
    int i = ln + 1; // empty lines before the first are line breaks of the value
    for (; i < end; i++) {
      int s = starts[i];
      int e = t.lineEnd(i);
      if (e == s) {
        sb.append('\n');
        continue;
      }
      int ind = t.indent(i);
      if (ind == e - s) {
        throw OUT; // a line of spaces
      }
      if (ind < indent) {
        break;
      }
      if (e == text.length()) {
        throw OUT; // the last line without a line break
      }
      sb.append(text, s + indent, e).append('\n');
    }
    int len = sb.length();
    while (len > 0 && sb.charAt(len - 1) == '\n') {
      len--;
    }
    sb.setLength(strip ? len : len + 1);
    ln = i;
    return sb.toString().intern();
  }

  /** A one-line flow sequence of plain scalars between {@code p} and {@code close}. */
  private Object flow(int p, int close, String pointer, int depth) {
    ArrayList<Object> list = new ArrayList<>();
    if (t.spaces(p) == close) {
      return Collections.unmodifiableList(list);
    }
    for (int s = p; s <= close; ) {
      int comma = text.indexOf(',', s);
      int e = comma < 0 || comma > close ? close : comma;
      int a = t.spaces(s);
      int b = e;
      while (b > a && chars[b - 1] == ' ') {
        b--;
      }
      if (a == b || !t.plainStart(a)) {
        throw OUT;
      }
      for (int k = a; k < b; k++) {
        if ("[]{}#:'\"".indexOf(chars[k]) >= 0) {
          throw OUT;
        }
      }
      count(depth);
      index.putIfAbsent(pointer + "/" + list.size(), t.at(ln, a));
      String item = text.substring(a, b);
      if (item.equals(MERGE)) {
        throw OUT;
      }
      Object typed = ScalarTyper.type(item);
      list.add(typed instanceof String str ? str.intern() : typed);
      s = e + 1;
    }
    list.trimToSize(); // as the SnakeYAML path sizes it: the tree is held
    return Collections.unmodifiableList(list);
  }

  private Object emptyMap(int p, int close) {
    if (t.spaces(p) != close) {
      throw OUT;
    }
    return CompactTrees.ofPairs(new Object[0]);
  }

  /** The key from {@code p} to its colon, typed as the SnakeYAML path types it; a string. */
  private String key(int p, int colon) {
    char c = chars[p];
    if (c == '\'' || c == '"') {
      return t.unquote(p, t.closingQuote(p, colon)).intern();
    }
    int last = colon;
    while (chars[last - 1] == ' ') {
      last--;
    }
    String k = text.substring(p, last);
    if (k.equals(MERGE) || !(ScalarTyper.type(k) instanceof String s)) {
      throw OUT; // a merge key, or a key kubectl reads as another type (warned about)
    }
    return s.intern();
  }

  private boolean isKey(int p) {
    return t.keyEnd(p, t.lineOf(p, ln)) >= 0;
  }

  /** One more value at {@code depth}; leaves well before SnakeYAML's or the walk's limits. */
  private void count(int depth) {
    if (++nodes >= options.maxNodes() || depth >= options.maxDepth() - 1) {
      throw OUT;
    }
  }

  private static <T> T out() {
    throw OUT;
  }
}
