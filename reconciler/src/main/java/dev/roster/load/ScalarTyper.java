package dev.roster.load;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types plain (unquoted, untagged) YAML scalars exactly as kubectl does.
 *
 * <p>kubectl and the API machinery read YAML with sigs.k8s.io/yaml, a fork of go-yaml v2, which
 * follows YAML 1.1 with Go's number syntax. So: {@code y, yes, on, true} (any of the three
 * capitalisations) are true and {@code n, no, off, false} false; {@code ~, null} and the empty
 * scalar are null; integers use Go's base-0 syntax after underscores are removed ({@code 0777}
 * and {@code 0o777} are octal 511, {@code 0x1F} hex, {@code 0b101} binary); {@code 1.10} is the
 * float 1.1; {@code 08} is the float 8; timestamps such as {@code 2024-01-01} and sexagesimal
 * numbers such as {@code 1:20} stay strings. Quoted scalars are always strings.
 */
public final class ScalarTyper {
  private static final Set<String> TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSE =
      Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
  /** The first characters of every null, bool and number above. */
  private static final String MAY_TYPE = "~nNyYtToOfF0123456789+-.";
  private static final Pattern YAML_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private ScalarTyper() {}

  /**
   * The value of a plain scalar: null, Boolean, Long, BigInteger (above Long.MAX_VALUE), Double
   * or the String itself.
   */
  public static Object type(String s) {
    if (!s.isEmpty() && MAY_TYPE.indexOf(s.charAt(0)) < 0) {
      return s; // most scalars: no null, bool or number starts so
    }
    if (NULL.contains(s)) {
      return null;
    }
    if (TRUE.contains(s)) {
      return Boolean.TRUE;
    }
    if (FALSE.contains(s)) {
      return Boolean.FALSE;
    }
    char c = s.charAt(0);
    if (c == '.' || c == '+' || c == '-') {
      Double special = special(s);
      if (special != null) {
        return special;
      }
    }
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
      String plain = s.replace("_", "");
      BigInteger i = parseGoInt(plain);
      if (i != null && i.compareTo(LONG_MIN) >= 0) {
        if (i.compareTo(LONG_MAX) <= 0) {
          return i.longValue();
        }
        if (i.compareTo(ULONG_MAX) <= 0 && plain.charAt(0) != '+') {
          return i;
        }
      }
      if (YAML_FLOAT.matcher(plain).matches()) {
        return Double.parseDouble(plain);
      }
    }
    return s;
  }

  private static Double special(String s) {
    return switch (s) {
      case ".nan", ".NaN", ".NAN" -> Double.NaN;
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  /** Go's strconv.ParseInt(s, 0, ...) syntax without the range check; null if not an integer. */
  static BigInteger parseGoInt(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(body, radix);
    return negative ? v.negate() : v;
  }

  /** The JSON object key that sigs.k8s.io/yaml makes of a non-string map key. */
  public static String keyString(Object key) {
    if (key == null) {
      return "null";
    }
    if (key instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(key);
  }
}
