package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain scalars typed as kubectl (go-yaml v2, YAML 1.1) types them, directly and parsed. */
class ScalarTyperTest {

  /** The single value of {@code v: <scalar>} as the parser types it. */
  private static Object parsed(String scalar) {
    YamlParser.Parsed p = new YamlParser(LoadOptions.defaults()).parse("t.yaml", "v: " + scalar);
    assertEquals(List.of(), p.problems(), scalar);
    assertEquals(1, p.manifests().size(), scalar);
    return p.manifests().get(0).object().get("v");
  }

  @Test
  void typesYaml11BooleansInAllThreeCapitalisations() {
    for (String t : List.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True")) {
      assertEquals(Boolean.TRUE, parsed(t), t);
    }
    for (String f : List.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "FALSE")) {
      assertEquals(Boolean.FALSE, parsed(f), f);
    }
  }

  @Test
  void leavesMixedCaseBooleanLookalikesAsStrings() {
    assertEquals("oN", parsed("oN"));
    assertEquals("yES", parsed("yES"));
    assertEquals("tRUE", parsed("tRUE"));
  }

  @Test
  void typesGoIntegerSyntaxAsLong() {
    assertEquals(511L, parsed("0777"));
    assertEquals(15L, parsed("0o17"));
    assertEquals(31L, parsed("0x1F"));
    assertEquals(5L, parsed("0b101"));
    assertEquals(1000L, parsed("1_000"));
    assertEquals(0L, parsed("0"));
    assertEquals(-42L, parsed("-42"));
    assertEquals(7L, parsed("+7"));
    assertEquals(-31L, parsed("-0x1F"));
  }

  @Test
  void typesFloatsLikeGo() {
    assertEquals(1.1, parsed("1.10"));
    assertInstanceOf(Double.class, parsed("1.10"));
    assertEquals(8.0, parsed("08"), "08 is not octal, so it is the float 8");
    assertEquals(9.0, parsed("09"));
    assertEquals(1000.0, parsed("1e3"));
    assertEquals(0.5, parsed(".5"));
    assertEquals(Double.POSITIVE_INFINITY, parsed(".inf"));
    assertEquals(Double.NEGATIVE_INFINITY, parsed("-.Inf"));
    assertTrue(Double.isNaN((Double) parsed(".NaN")));
  }

  @Test
  void leavesTimestampsSexagesimalsAndVersionsAsStrings() {
    assertEquals("2024-01-01", parsed("2024-01-01"));
    assertEquals("2024-01-01T10:00:00Z", parsed("2024-01-01T10:00:00Z"));
    assertEquals("1:20", parsed("1:20"));
    assertEquals("1.2.3", parsed("1.2.3"));
    assertEquals("v1", parsed("v1"));
    assertEquals("0x", parsed("0x"));
    assertEquals("-x", parsed("-x"));
    assertEquals("1Gi", parsed("1Gi"));
  }

  @Test
  void keepsQuotedScalarsAsStrings() {
    assertEquals("1.10", parsed("'1.10'"));
    assertEquals("1.10", parsed("\"1.10\""));
    assertEquals("on", parsed("\"on\""));
    assertEquals("0777", parsed("'0777'"));
    assertEquals("", parsed("\"\""));
    assertEquals("~", parsed("'~'"));
  }

  @Test
  void typesTildeNullAndEmptyAsNull() {
    assertNull(parsed("~"));
    assertNull(parsed("null"));
    assertNull(parsed("NULL"));
    assertNull(parsed(""));
  }

  @Test
  void putsIntegersAboveLongMaxInBigIntegerUpToUint64() {
    assertEquals(Long.MAX_VALUE, parsed("9223372036854775807"));
    assertEquals(new BigInteger("18446744073709551615"), parsed("18446744073709551615"));
    assertEquals(1.8446744073709552E19, parsed("18446744073709551616"));
    assertEquals(-9.223372036854776E18, parsed("-9223372036854775809"));
  }

  @Test
  void honoursExplicitStandardTags() {
    assertEquals("123", parsed("!!str 123"));
    assertEquals("true", parsed("!!str true"));
    assertEquals(12L, parsed("!!int 12"));
    assertEquals(1.0, parsed("!!float 1"));
    assertEquals(Boolean.TRUE, parsed("!!bool yes"));
    assertNull(parsed("!!null ~"));
    assertEquals("2024-01-01", parsed("!!timestamp 2024-01-01"));
  }

  @Test
  void rejectsAValueThatDoesNotMatchItsTag() {
    YamlParser.Parsed p =
        new YamlParser(LoadOptions.defaults()).parse("t.yaml", "a: 1\nv: !!int abc\n");
    assertEquals(List.of(), p.manifests());
    assertEquals(List.of("t.yaml:2:1: /v: value does not match its tag tag:yaml.org,2002:int"),
        formats(p));
  }

  @Test
  void rejectsABoolTagOnANumberAndAnIntTagOnAFloat() {
    YamlParser parser = new YamlParser(LoadOptions.defaults());
    assertEquals(List.of("t.yaml:1:1: /v: value does not match its tag tag:yaml.org,2002:bool"),
        formats(parser.parse("t.yaml", "v: !!bool 1\n")));
    assertEquals(List.of("t.yaml:1:1: /v: value does not match its tag tag:yaml.org,2002:int"),
        formats(parser.parse("t.yaml", "v: !!int 1.5\n")));
  }

  @Test
  void rejectsUnknownTags() {
    YamlParser.Parsed p = new YamlParser(LoadOptions.defaults()).parse("t.yaml", "v: !Ref x\n");
    assertEquals(List.of(), p.manifests());
    assertEquals(List.of("t.yaml:1:1: /v: unsupported tag !Ref"), formats(p));
  }

  @Test
  void turnsNonStringKeysIntoTheirJsonKeys() {
    YamlParser.Parsed p = new YamlParser(LoadOptions.defaults())
        .parse("t.yaml", "on: x\nno: y\n1.0: a\n0x10: b\n1.5: d\n\"off\": e\n");
    assertEquals(List.of(
        "t.yaml:1:1: warning: /true: key on is read as true by kubectl (YAML 1.1); quote it to"
            + " keep the text",
        "t.yaml:2:1: warning: /false: key no is read as false by kubectl (YAML 1.1); quote it to"
            + " keep the text",
        "t.yaml:3:1: warning: /1: key 1.0 is read as 1 by kubectl (YAML 1.1); quote it to keep"
            + " the text",
        "t.yaml:4:1: warning: /16: key 0x10 is read as 16 by kubectl (YAML 1.1); quote it to"
            + " keep the text"), formats(p));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("true", "x");
    expected.put("false", true);
    expected.put("1", "a");
    expected.put("16", "b");
    expected.put("1.5", "d");
    expected.put("off", "e");
    assertEquals(expected, p.manifests().get(0).object());
    assertEquals(new ArrayList<>(expected.keySet()),
        new ArrayList<>(p.manifests().get(0).object().keySet()), "key order is kept");
  }

  @Test
  void doesNotWarnAboutKeysKubectlKeepsAsWritten() {
    YamlParser.Parsed p = new YamlParser(LoadOptions.defaults())
        .parse("t.yaml", "true: a\nfalse: b\n8080: c\n1.5: d\n-1: e\n");
    assertEquals(List.of(), formats(p));
    assertEquals(List.of("true", "false", "8080", "1.5", "-1"),
        new ArrayList<>(p.manifests().get(0).object().keySet()));
  }

  @Test
  void rejectsKeysThatCollideOnceTyped() {
    YamlParser.Parsed p =
        new YamlParser(LoadOptions.defaults()).parse("t.yaml", "on: 1\ntrue: 2\n");
    assertEquals(List.of("t.yaml:1:1: warning: /true: key on is read as true by kubectl (YAML"
        + " 1.1); quote it to keep the text",
        "t.yaml:2:1: /true: duplicate key \"true\" (first at line 1)"), formats(p));
    assertEquals(List.of(), p.manifests());
  }

  @Test
  void typesDirectlyWithoutTheParser() {
    List<Object> got = new ArrayList<>();
    for (String s : List.of("on", "NO", "y", "0777", "0o17", "0x1F", "1_000", "2024-01-01", "1.10",
        "08", "1:20", "~", "")) {
      got.add(ScalarTyper.type(s));
    }
    assertEquals(Arrays.asList(true, false, true, 511L, 15L, 31L, 1000L, "2024-01-01", 1.1, 8.0,
        "1:20", null, null), got);
  }

  @Test
  void makesJsonKeysOfTypedValues() {
    assertEquals("true", ScalarTyper.keyString(true));
    assertEquals("1", ScalarTyper.keyString(1.0));
    assertEquals("1.5", ScalarTyper.keyString(1.5));
    assertEquals("511", ScalarTyper.keyString(511L));
  }

  static List<String> formats(YamlParser.Parsed p) {
    return p.problems().stream().map(Problem::format).toList();
  }
}
