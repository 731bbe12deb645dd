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
  final char[] chars;
  /** Offset of each line's first char; one more entry: the text's length + 1. */
  final int[] starts;
  final int lines;

  /**
   * The lines of {@code text}; throws {@link #OUT} unless it has only LF line breaks and BMP
   * characters SnakeYAML reads as printable and not as line breaks.
   */
  YamlLines(String text) {
    this.text = text;
    this.chars = text.toCharArray();
    int n = 1;
    for (char c : chars) {
      if (c >= 0x20 && c < 0x7F) {
        continue;
      }
      if (c == '\n') {
        n++;
      } else if (c < 0xA0 || c >= 0xD800 && c < 0xE000 || c == 0x2028 || c == 0x2029
          || c == 0xFEFF || c >= 0xFFFE) {
        throw OUT;
      }
    }
    starts = new int[n + 1];
    int line = 1;
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == '\n') {
        starts[line++] = i + 1;
      }
    }
    lines = n;
    starts[n] = chars.length + 1;
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
    if (p < lineEnd(i) && chars[p] != ' ') {
      throw OUT;
    }
    p = spaces(p);
    if (p < lineEnd(i) && chars[p] != '#') {
      throw OUT; // content after the marker
    }
    return true;
  }

  /** The closing quote of the one-line quoted scalar at {@code p}, before {@code limit}. */
  int closingQuote(int p, int limit) {
    char q = chars[p];
    for (int i = p + 1; i < limit; i++) {
      char c = chars[i];
      if (c == '\\' && q == '"') {
        throw OUT;
      }
      if (c == q) {
        if (q == '\'' && i + 1 < limit && chars[i + 1] == '\'') {
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
    return chars[p] == '\'' ? s.replace("''", "'") : s;
  }

  /** Whether a plain scalar may start at {@code p} in this subset. */
  boolean plainStart(int p) {
    char c = chars[p];
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0) {
      return true;
    }
    return c == '-' && p + 1 < text.length() && "\n #,[]{}".indexOf(chars[p + 1]) < 0;
  }

  /** Where a comment starts on the line (a {@code #} after a space), else {@code eol}. */
  int comment(int p, int eol) {
    for (int i = p + 1; i < eol; i++) {
      if (chars[i] == '#' && chars[i - 1] == ' ') {
        return i;
      }
    }
    return eol;
  }

  /** Whether line {@code i} holds a {@code -} entry at column {@code col}. */
  boolean entry(int i, int col) {
    int p = starts[i] + col;
    return chars[p] == '-' && (p + 1 == lineEnd(i) || chars[p + 1] == ' ');
  }

  /** The first line from {@code from} before {@code to} with content (not blank, no comment). */
  int content(int from, int to) {
    for (int i = from; i < to; i++) {
      int p = starts[i] + indent(i);
      if (p < lineEnd(i) && chars[p] != '#') {
        return i;
      }
    }
    return to;
  }

  int indent(int i) {
    int s = starts[i];
    int e = lineEnd(i);
    int p = s;
    while (p < e && chars[p] == ' ') {
      p++;
    }
    return p - s;
  }

  int lineEnd(int i) {
    return starts[i + 1] - 1;
  }

  int spaces(int p) {
    while (p < text.length() && chars[p] == ' ') {
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
    char c = chars[p];
    int q;
    if (c == '\'' || c == '"') {
      q = spaces(closingQuote(p, eol) + 1);
      if (q >= eol || chars[q] != ':') {
        return -1;
      }
    } else {
      if (!plainStart(p)) {
        return -1;
      }
      q = p;
      while (q < eol && !(chars[q] == ':' && (q + 1 == eol || chars[q + 1] == ' '))) {
        if (chars[q] == '#') {
          return -1;
        }
        q++;
      }
      if (q == eol || q - p > 1000) {
        return -1;
      }
    }
    return q + 1 < eol && chars[q + 1] != ' ' ? -1 : q;
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
