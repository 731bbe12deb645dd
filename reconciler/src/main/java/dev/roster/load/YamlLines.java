package dev.roster.load;

/**
 * The text of one YAML file as lines, and the lexical rules {@link BlockYamlParser} reads it
 * with. Offsets are into the text; lines and columns count from 0 (a {@link Location} from 1).
 * Whatever is outside {@link BlockYamlParser}'s subset throws {@link #OUT}.
 */
final class YamlLines {
  /** Leaves the subset; thrown without a stack trace. */
  static final RuntimeException OUT = new RuntimeException("outside the subset", null, false,
      false) {};

  final String text;
  /** Offset of each line's first char; one more entry: the text's length + 1. */
  final int[] starts;
  final int lines;

  YamlLines(String text) {
    this.text = text;
    int n = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      n++;
    }
    starts = new int[n + 1];
    int line = 0;
    for (int at = 0; ; ) {
      starts[line++] = at;
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        break;
      }
      at = nl + 1;
    }
    lines = n;
    starts[n] = text.length() + 1;
  }

  /** Only LF line breaks and BMP characters SnakeYAML reads as printable, not as line breaks. */
  static boolean plainChars(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F || c == '\n') {
        continue;
      }
      if (c < 0xA0 || c >= 0xD800 && c < 0xE000 || c == 0x2028 || c == 0x2029 || c == 0xFEFF
          || c >= 0xFFFE) {
        return false;
      }
    }
    return true;
  }

  /** Whether line {@code i} is a {@code ---} separator; other lines starting so leave. */
  boolean marker(int i) {
    int s = starts[i];
    if (text.startsWith("...", s) || text.startsWith("%", s)) {
      throw OUT;
    }
    if (!text.startsWith("---", s)) {
      return false;
    }
    int p = s + 3;
    if (p < lineEnd(i) && text.charAt(p) != ' ') {
      throw OUT;
    }
    p = spaces(p);
    if (p < lineEnd(i) && text.charAt(p) != '#') {
      throw OUT; // content after the marker
    }
    return true;
  }

  /** The closing quote of the one-line quoted scalar at {@code p}, before {@code limit}. */
  int closingQuote(int p, int limit) {
    char q = text.charAt(p);
    for (int i = p + 1; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '\\' && q == '"') {
        throw OUT;
      }
      if (c == q) {
        if (q == '\'' && i + 1 < limit && text.charAt(i + 1) == '\'') {
          i++;
          continue;
        }
        return i;
      }
    }
    throw OUT; // continued on the next line
  }

  String unquote(int p, int close) {
    String s = text.substring(p + 1, close);
    return text.charAt(p) == '\'' ? s.replace("''", "'") : s;
  }

  /** Whether a plain scalar may start at {@code p} in this subset. */
  boolean plainStart(int p) {
    char c = text.charAt(p);
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0) {
      return true;
    }
    return c == '-' && p + 1 < text.length() && "\n #,[]{}".indexOf(text.charAt(p + 1)) < 0;
  }

  /** Where a comment starts on the line (a {@code #} after a space), else {@code eol}. */
  int comment(int p, int eol) {
    for (int i = p + 1; i < eol; i++) {
      if (text.charAt(i) == '#' && text.charAt(i - 1) == ' ') {
        return i;
      }
    }
    return eol;
  }

  /** Whether line {@code i} holds a {@code -} entry at column {@code col}. */
  boolean entry(int i, int col) {
    int p = starts[i] + col;
    return text.charAt(p) == '-' && (p + 1 == lineEnd(i) || text.charAt(p + 1) == ' ');
  }

  /** The first line from {@code from} before {@code to} with content (not blank, no comment). */
  int content(int from, int to) {
    for (int i = from; i < to; i++) {
      int p = starts[i] + indent(i);
      if (p < lineEnd(i) && text.charAt(p) != '#') {
        return i;
      }
    }
    return to;
  }

  int indent(int i) {
    int s = starts[i];
    int e = lineEnd(i);
    int p = s;
    while (p < e && text.charAt(p) == ' ') {
      p++;
    }
    return p - s;
  }

  int lineEnd(int i) {
    return starts[i + 1] - 1;
  }

  int spaces(int p) {
    while (p < text.length() && text.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  Location at(int line, int p) {
    return new Location(line + 1, p - starts[line] + 1);
  }

  /**
   * The offset of the colon ending the simple key that starts at {@code p}, or -1 when there is
   * none on this line.
   */
  int keyEnd(int p, int line) {
    int eol = lineEnd(line);
    char c = text.charAt(p);
    int q;
    if (c == '\'' || c == '"') {
      q = spaces(closingQuote(p, eol) + 1);
      if (q >= eol || text.charAt(q) != ':') {
        return -1;
      }
    } else {
      if (!plainStart(p)) {
        return -1;
      }
      q = p;
      while (q < eol && !(text.charAt(q) == ':' && (q + 1 == eol || text.charAt(q + 1) == ' '))) {
        if (text.charAt(q) == '#') {
          return -1;
        }
        q++;
      }
      if (q == eol || q - p > 1000) {
        return -1;
      }
    }
    return q + 1 < eol && text.charAt(q + 1) != ' ' ? -1 : q;
  }

  /** The line of offset {@code p}, searching from line {@code from} on. */
  int lineOf(int p, int from) {
    int i = from;
    while (starts[i + 1] <= p) {
      i++;
    }
    return i;
  }
}
