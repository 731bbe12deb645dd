package dev.roster.plan;

import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.remove;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-side RFC 6902 applier must itself be right, or the convergence tests prove nothing. */
class JsonPatchTest {

  @Test
  void rfc6902AppendixExamples() {
    // A.1, A.2, A.3, A.4, A.5, A.16 (tilde and slash in keys)
    assertEquals(json("{'baz':'qux','foo':'bar'}"),
        JsonPatch.apply(json("{'foo':'bar'}"), List.of(op("add", "/baz", "qux"))));
    assertEquals(json("{'foo':['bar','qux','baz']}"),
        JsonPatch.apply(json("{'foo':['bar','baz']}"), List.of(op("add", "/foo/1", "qux"))));
    assertEquals(json("{'foo':'bar'}"),
        JsonPatch.apply(json("{'baz':'qux','foo':'bar'}"), List.of(remove("/baz"))));
    assertEquals(json("{'foo':['bar','baz']}"),
        JsonPatch.apply(json("{'foo':['bar','qux','baz']}"), List.of(remove("/foo/1"))));
    assertEquals(json("{'baz':'boo','foo':'bar'}"),
        JsonPatch.apply(json("{'baz':'qux','foo':'bar'}"), List.of(op("replace", "/baz", "boo"))));
    assertEquals(json("{'foo':['bar',['abc','def']]}"),
        JsonPatch.apply(json("{'foo':['bar']}"), List.of(op("add", "/foo/-", List.of("abc",
            "def")))));
    assertEquals(json("{'/':9,'~1':10,'a~b/c':1}"),
        JsonPatch.apply(json("{'/':9,'~1':10}"), List.of(op("test", "/~01", 10),
            op("test", "/~1", 9), op("add", "/a~0b~1c", 1))));
  }

  @Test
  void addReplacesAnExistingMemberAndCopiesValues() {
    Map<String, Object> value = json("{'x':1}");
    Map<String, Object> doc = json("{'a':{'x':0,'y':2}}");
    Map<String, Object> out = JsonPatch.apply(doc, List.of(op("add", "/a", value)));
    assertEquals(json("{'a':{'x':1}}"), out);
    assertEquals(json("{'a':{'x':0,'y':2}}"), doc, "input untouched");
    value.put("x", 99);
    assertEquals(json("{'a':{'x':1}}"), out, "result shares nothing with the patch");
  }

  @Test
  void errorsAreErrors() {
    Map<String, Object> doc = json("{'a':{'b':1},'l':[1,2]}");
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("add", "/missing/child", 1))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("replace", "/a/c", 1))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(remove("/a/c"))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(remove("/l/2"))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("add", "/l/3", 0))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("test", "/a/b", 2))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("test", "/a/c", null))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("add", "a", 1))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("add", "/a~2", 1))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("move", "/a", 1))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(Map.of("op", "add", "path", "/z"))));
  }

  @Test
  void testComparesNumbersByValue() {
    Map<String, Object> doc = json("{'n':1.0,'s':'1'}");
    assertEquals(doc, JsonPatch.apply(doc, List.of(op("test", "/n", 1L))));
    assertThrows(JsonPatch.PatchException.class,
        () -> JsonPatch.apply(doc, List.of(op("test", "/s", 1))));
  }
}
