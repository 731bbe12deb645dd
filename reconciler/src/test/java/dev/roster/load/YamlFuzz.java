package dev.roster.load;

import java.util.Random;

/**
 * Random YAML texts in and around {@link BlockYamlParser}'s subset: even seeds stay close to it
 * (so many reach the fast path), odd ones add constructs, errors and mutations outside it.
 */
final class YamlFuzz {
  private static final String[] KEYS = {"name", "kind", "a b", "a:b", "x.y/z", "'q'", "\"dq\"",
      "'it''s'", "true", "8080", "<<", "~", "-k", "k#x", "a[0]", "null", "\"\"", "y", "é"};
  private static final String[] SCALARS = {"v", "1", "-1", "0x1F", "1.5", "true", "no", "~",
      "null", "a b", "a: b", "a:b", "a #c", "a#b", "'s'", "'it''s'", "\"d\"", "\"e\\n\"",
      "'open", "- x", "-x", "[a, b]", "[]", "{}", "{a: 1}", "[a, [b]]", "[ ]", "[a,]", "&x v",
      "*x", "!!str 1", "|", "|-", "|+", "|2", ">", "http://h:80/p", "v   ", "?", ":x", "%x",
      "@x", "`x", "é ü", "x,y", "[a b, c]", "2024-01-01", "1:20", "''", "\"\"", "'a' #c",
      "'a'x", "[a] #c", "[a]x", "\t", "v\t", "<<", "[a, <<]"};

  private static final String[] CLEAN_KEYS = {"name", "kind", "a b", "a:b", "x.y/z", "'q'",
      "\"dq\"", "'it''s'", "-k", "a[0]", "\"\"", "é", "k#x"};
  private static final String[] CLEAN_SCALARS = {"v", "1", "-1", "0x1F", "1.5", "true", "no",
      "~", "null", "a b", "a:b", "a #c", "a#b", "'s'", "'it''s'", "\"d\"", "-x", "[a, b]", "[]",
      "{}", "http://h:80/p", "v   ", "é ü", "x,y", "[a b, c]", "2024-01-01", "1:20", "''",
      "\"\"", "'a' #c", "[a] #c", "|", "|-", "[ ]", "{ }"};

  private final Random r;
  private final boolean clean;
  private final StringBuilder sb = new StringBuilder();

  YamlFuzz(long seed) {
    r = new Random(seed);
    clean = seed % 2 == 0;
  }

  String text() {
    sb.setLength(0);
    int docs = 1 + r.nextInt(3);
    for (int d = 0; d < docs; d++) {
      if (d > 0 || r.nextInt(4) == 0) {
        sb.append(clean ? pick("---\n", "--- # c\n") : pick("---\n", "---\n", "--- # c\n", "---x\n", "...\n---\n"));
      }
      if (r.nextInt(6) == 0) {
        sb.append(pick("# top\n", "\n", "  # indented\n"));
      }
      if (r.nextInt(10) > 0) {
        mapping(r.nextInt(8) == 0 ? 2 : 0, 0, true);
      }
    }
    String s = sb.toString();
    if (!clean && r.nextInt(3) == 0) {
      s = mutate(s);
    }
    return s;
  }

  private void mapping(int indent, int depth, boolean newLine) {
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0 || newLine) {
        sb.append(" ".repeat(indent));
      }
      if (r.nextInt(12) == 0) {
        sb.append(pick("# c\n", "\n", "   # c\n")).append(" ".repeat(indent));
      }
      sb.append(r.nextInt(3) == 0 ? pick(clean ? CLEAN_KEYS : KEYS) : "k" + r.nextInt(6));
      sb.append(pick(":", ":", ":", " :", ":  "));
      value(indent, depth, true);
    }
  }

  private void value(int indent, int depth, boolean ofKey) {
    int c = r.nextInt(depth > 3 ? 6 : 10);
    if (c < 5) {
      sb.append(' ').append(pick(clean ? CLEAN_SCALARS : SCALARS));
      if (sb.charAt(sb.length() - 1) == '|' || sb.charAt(sb.length() - 1) == '-'
          || sb.charAt(sb.length() - 1) == '+' || sb.charAt(sb.length() - 1) == '2') {
        if (sb.toString().endsWith("|") || sb.toString().endsWith("|-")
            || sb.toString().endsWith("|+") || sb.toString().endsWith("|2")) {
          literal(indent);
          return;
        }
      }
      sb.append(r.nextInt(8) == 0 ? " # c" : "").append('\n');
      if (!clean && r.nextInt(15) == 0) {
        sb.append(" ".repeat(indent + 2)).append(pick("more", "# c", "k: v")).append('\n');
      }
    } else if (c == 5) {
      sb.append(pick("", " ", " # c")).append('\n');
    } else if (c < 8) {
      sb.append(pick("\n", " # c\n", "\n\n"));
      mapping(indent + pick2(2, 4, 1), depth + 1, true);
    } else {
      sb.append('\n');
      sequence(ofKey && r.nextBoolean() ? indent : indent + 2, depth + 1);
    }
  }

  private void sequence(int indent, int depth) {
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(" ".repeat(indent)).append(clean ? pick("- ", "-  ") : pick("- ", "- ", "-  ", "-"));
      int c = r.nextInt(6);
      if (c < 3) {
        sb.append(pick(clean ? CLEAN_SCALARS : SCALARS)).append('\n');
      } else if (c < 5 && depth < 6) {
        int col = sb.length() - sb.lastIndexOf("\n") - 1;
        mapping(col, depth + 1, false);
      } else {
        sb.append(clean ? "v\n" : pick("\n", "- a\n", "\n" + " ".repeat(indent + 2) + "x: 1\n"));
      }
    }
  }

  private void literal(int indent) {
    sb.append(clean ? pick("", " # c") : pick("", " # c", "x")).append('\n');
    if (r.nextInt(4) == 0) {
      sb.append(clean ? "\n" : pick("\n", " ".repeat(indent + 3) + "\n"));
    }
    int n = 1 + r.nextInt(3);
    int in = indent + pick2(2, 4, 0);
    for (int i = 0; i < n; i++) {
      sb.append(" ".repeat(in + (r.nextInt(5) == 0 ? 2 : 0)))
          .append(pick("line", "# not a comment", "a: b", "- x", clean ? "end" : "t\tab")).append('\n');
      if (r.nextInt(5) == 0) {
        sb.append(clean ? "\n" : pick("\n", "", " ".repeat(in) + "\n"));
      }
    }
  }

  private String mutate(String s) {
    StringBuilder m = new StringBuilder(s);
    int k = 1 + r.nextInt(3);
    for (int i = 0; i < k && m.length() > 0; i++) {
      int at = r.nextInt(m.length());
      switch (r.nextInt(4)) {
        case 0 -> m.deleteCharAt(at);
        case 1 -> m.insert(at, pick(" ", "\n", ":", "-", "#", "'", "\r", "\t"));
        case 2 -> m.setCharAt(at, ' ');
        default -> m.setLength(at);
      }
    }
    return m.toString();
  }

  private int pick2(int a, int b, int c) {
    int i = r.nextInt(3);
    return i == 0 ? a : i == 1 ? b : c;
  }

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }
}
