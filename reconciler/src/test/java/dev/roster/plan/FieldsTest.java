package dev.roster.plan;

import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.toJson;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The applied-fields set: the shape of what Git sets, never values. */
class FieldsTest {

  @Test
  void shapeOfMapsListsAndLeaves() {
    Map<String, Object> object = yaml("""
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: coder
          namespace: agents
        spec:
          image: ghcr.io/acme/agent:1.0
          replicas: 2
          enabled: true
          ratio: 0.5
          nothing: ~
          empty: {}
          none: []
          args: [--verbose, --port, "8080"]
          extraPorts:
            - name: metrics
              port: 9090
            - name: debug
              port: 5005
              hostPort: 15005
          resources:
            limits:
              cpu: "1"
          matrix:
            - [1, 2]
            - []
        """);
    assertEquals(json("""
        {'spec':{
          'args':[{},{},{}],
          'empty':{},
          'enabled':{},
          'extraPorts':[{'name':{},'port':{}},{'hostPort':{},'name':{},'port':{}}],
          'image':{},
          'matrix':[[{},{}],[]],
          'none':[],
          'nothing':{},
          'ratio':{},
          'replicas':{},
          'resources':{'limits':{'cpu':{}}}}}
        """), Fields.of(object));
  }

  @Test
  void keysAreSortedSoTheAnnotationIsStable() {
    Map<String, Object> a = yaml("spec: {b: 1, a: {d: 1, c: 2}}\ndata: {z: x, m: x}\n");
    Map<String, Object> b = yaml("data: {m: x, z: x}\nspec: {a: {c: 2, d: 1}, b: 1}\n");
    String expected = "{\"data\":{\"m\":{},\"z\":{}},\"spec\":{\"a\":{\"c\":{},\"d\":{}},"
        + "\"b\":{}}}";
    assertEquals(expected, toJson(Fields.of(a)));
    assertEquals(expected, toJson(Fields.of(b)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void valuesAreNeverStored() {
    String prompt = "x".repeat(100_000);
    Map<String, Object> object = yaml("spec:\n  prompt: p\n");
    ((Map<String, Object>) Trees.at(object, "/spec")).put("prompt", prompt);
    String json = toJson(Fields.of(object));
    assertEquals("{\"spec\":{\"prompt\":{}}}", json);
  }

  @Test
  void metadataKeepsOnlyLabelAndAnnotationKeys() {
    Map<String, Object> object = yaml("""
        metadata:
          name: coder
          namespace: agents
          uid: abc
          finalizers: [x]
          ownerReferences: [{name: y}]
          labels:
            team: core
            roster.dev/source: prod
            app.kubernetes.io/managed-by: roster
          annotations:
            roster.dev/x: "1"
            roster.dev/adopt: "true"
            roster.dev/prune: disabled
            roster.dev/revision: abc123
            roster.dev/repo: https://git.example/x.git
            roster.dev/file: agents/coder.yaml
            roster.dev/applied-fields: '{"spec":{}}'
        """);
    assertEquals(json("""
        {'metadata':{
          'annotations':{'roster.dev/adopt':{},'roster.dev/prune':{},'roster.dev/x':{}},
          'labels':{'app.kubernetes.io/managed-by':{},'roster.dev/source':{},'team':{}}}}
        """), Fields.of(object));
  }

  @Test
  void provenanceOnlyAnnotationsLeaveNoAnnotationsEntry() {
    Map<String, Object> object = yaml("""
        metadata:
          name: coder
          labels: {team: core}
          annotations:
            roster.dev/revision: abc123
            roster.dev/repo: https://git.example/x.git
            roster.dev/file: agents/coder.yaml
            roster.dev/applied-fields: "{}"
        """);
    assertEquals(json("{'metadata':{'labels':{'team':{}}}}"), Fields.of(object));
  }

  @Test
  void metadataWithoutLabelsOrAnnotationsIsLeftOut() {
    assertEquals(json("{'data':{'a':{}}}"),
        Fields.of(yaml("metadata: {name: x, namespace: y}\ndata: {a: b}\n")));
    assertEquals(json("{'data':{'a':{}}}"),
        Fields.of(yaml("metadata: {name: x, labels: {}, annotations: {}}\ndata: {a: b}\n")));
  }

  @Test
  void apiVersionKindAndStatusAreLeftOut() {
    Map<String, Object> object = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: prompts}
        data: {a: b}
        binaryData: {c: ZA==}
        immutable: true
        status: {phase: Ready}
        """);
    assertEquals(json("{'binaryData':{'c':{}},'data':{'a':{}},'immutable':{}}"),
        Fields.of(object));
  }

  @Test
  void onlyTopLevelStatusKindAndMetadataAreSpecial() {
    Map<String, Object> object = yaml("""
        spec:
          status: x
          kind: y
          apiVersion: z
          metadata: {name: n, uid: u}
        """);
    assertEquals(json("{'spec':{'apiVersion':{},'kind':{},'metadata':{'name':{},'uid':{}},"
        + "'status':{}}}"), Fields.of(object));
  }

  @Test
  void emptyObjectHasEmptySet() {
    assertEquals(Map.of(), Fields.of(new LinkedHashMap<>()));
    assertEquals("{}", toJson(Fields.of(yaml("apiVersion: v1\nkind: X\nstatus: {}\n"))));
  }

  @Test
  void navigation() {
    Object set = Trees.applied(yaml("spec: {a: {b: 1}, l: [{x: 1}, 2]}\n"));
    assertEquals(json("{'a':{'b':{}},'l':[{'x':{}},{}]}"), Fields.child(set, "spec"));
    assertNull(Fields.child(set, "missing"));
    assertNull(Fields.child(null, "spec"));
    assertNull(Fields.child(List.of(), "spec"));
    Object list = Fields.child(Fields.child(set, "spec"), "l");
    assertEquals(json("{'x':{}}"), Fields.item(list, 0));
    assertEquals(Map.of(), Fields.item(list, 1));
    assertNull(Fields.item(list, 2));
    assertNull(Fields.item(Map.of(), 0));
    assertNull(Fields.item(null, 0));
    assertEquals(List.of("spec"), new ArrayList<>(Fields.children(set).keySet()));
    assertTrue(Fields.children(null).isEmpty());
    assertTrue(Fields.children(list).isEmpty());
    assertTrue(Fields.children(Map.of()).isEmpty());
  }

  @Test
  void roundTripsThroughTheAnnotation() {
    Map<String, Object> object = yaml("spec: {a: [1, {b: 2}], c: {}}\n");
    Object set = Fields.of(object);
    assertEquals(set, Trees.applied(object));
  }

  @Test
  void inputIsNotModified() {
    Map<String, Object> object = yaml("""
        metadata:
          labels: {a: b}
          annotations: {roster.dev/revision: r}
        spec: {x: [1]}
        status: {w: 1}
        """);
    Map<String, Object> before = Trees.copyMap(object);
    Fields.of(object);
    assertEquals(before, object);
  }
}
