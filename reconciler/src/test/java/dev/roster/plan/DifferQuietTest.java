package dev.roster.plan;

import static dev.roster.plan.DiffFixtures.agent;
import static dev.roster.plan.DiffFixtures.check;
import static dev.roster.plan.DiffFixtures.live;
import static dev.roster.plan.DiffFixtures.map;
import static dev.roster.plan.FieldChange.Type.CHANGED;
import static dev.roster.plan.FieldChange.Type.REMOVED;
import static dev.roster.plan.Trees.applied;
import static dev.roster.plan.Trees.json;
import static dev.roster.plan.Trees.op;
import static dev.roster.plan.Trees.remove;
import static dev.roster.plan.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three-way diff is quiet: server metadata, status, defaults and fields other actors set
 * are not differences, and numbers compare by value.
 */
class DifferQuietTest {

  // ---------------------------------------------------------------- quiet

  @Test
  void quietAboutServerMetadataStatusDefaultsAndOtherActors() {
    check(agent(), live(), applied(agent()), List.of(), List.of());
  }

  @Test
  void quietWithoutAppliedFields() {
    check(agent(), live(), null, List.of(), List.of());
  }

  @Test
  void quietWhenAppliedFieldsAreMalformed() {
    check(agent(), live(), "not a field set", List.of(), List.of());
    check(agent(), live(), List.of(), List.of(), List.of());
  }

  @Test
  void quietAboutDefaultedFieldInListItem() {
    Map<String, Object> live = live();
    map(live, "/spec/extraPorts/0").put("appProtocol", "http");
    check(agent(), live, applied(agent()), List.of(), List.of());
  }

  @Test
  void quietAboutStatusAndIdentityInDesired() {
    Map<String, Object> desired = agent();
    desired.put("status", json("{'phase':'Pending'}"));
    map(desired, "/metadata").put("uid", "other");
    map(desired, "/metadata").put("finalizers", List.of("x"));
    check(desired, live(), applied(agent()), List.of(), List.of());
  }

  @Test
  void quietAboutProvenanceAnnotations() {
    Map<String, Object> desired = agent();
    Map<String, Object> ann = map(desired, "/metadata/annotations");
    ann.put(Ownership.REVISION, "rev-2");
    ann.put(Ownership.REPO, "https://git.example/new.git");
    ann.put(Ownership.FILE, "agents/moved.yaml");
    ann.put(Ownership.APPLIED_FIELDS, "{\"new\":{}}");
    Map<String, Object> live = live();
    Map<String, Object> liveAnn = map(live, "/metadata/annotations");
    liveAnn.put(Ownership.REVISION, "rev-1");
    liveAnn.put(Ownership.REPO, "https://git.example/old.git");
    liveAnn.put(Ownership.FILE, "agents/coder.yaml");
    liveAnn.put(Ownership.APPLIED_FIELDS, "{\"old\":{}}");
    Differ.Result r = Differ.diff(desired, live, applied(agent()));
    assertEquals(List.of(), r.changes());
    assertEquals(List.of(), r.patch());
  }

  @Test
  void quietAboutEmptyMapGitNeverFilled() {
    Map<String, Object> desired = agent();
    map(desired, "/spec").put("scheduling", json("{}"));
    Map<String, Object> live = live();
    map(live, "/spec").put("scheduling", json("{'nodeSelector':{'pool':'a'}}"));
    check(desired, live, applied(agent()), List.of(), List.of());
    check(desired, live, applied(desired), List.of(), List.of());
  }

  @Test
  void onlyTopLevelStatusAndServerMetadataAreIgnored() {
    // a field named status, uid or kind deeper down is an ordinary field
    Map<String, Object> previous = yaml("spec: {status: on, metadata: {uid: a}, kind: x}\n");
    Map<String, Object> desired = yaml("spec: {status: off, metadata: {}}\n");
    Map<String, Object> live = json("{'spec':{'status':true,'metadata':{'uid':'a'},'kind':'x'},"
        + "'status':{'a':1}}");
    check(desired, live, applied(previous),
        List.of(new FieldChange("/spec/status", CHANGED, true, false),
            new FieldChange("/spec/metadata/uid", REMOVED, "a", null),
            new FieldChange("/spec/kind", REMOVED, "x", null)),
        List.of(op("replace", "/spec/status", false), remove("/spec/metadata/uid"),
            remove("/spec/kind")));
  }

  @Test
  void numbersCompareByValue() {
    assertTrue(Differ.same(1L, 1.0, null));
    assertTrue(Differ.same(1L, 1, null));
    assertTrue(Differ.same(1.0, 1L, null));
    assertTrue(Differ.same(new BigDecimal("10.00"), 10, null));
    assertTrue(Differ.same(new BigInteger("18446744073709551615"),
        new BigDecimal("18446744073709551615.0"), null));
    assertFalse(Differ.same(new BigInteger("18446744073709551615"), Long.MAX_VALUE, null));
    assertTrue(Differ.same(0.1, 0.1, null));
    assertTrue(Differ.same(Double.NaN, Double.NaN, null));
    assertFalse(Differ.same(1L, 1.5, null));
    assertFalse(Differ.same(1L, "1", null));
    assertFalse(Differ.same("1", 1L, null));
    assertFalse(Differ.same(true, "true", null));
    assertFalse(Differ.same(1L, null, null));
    assertFalse(Differ.same(null, 1L, null));
    assertFalse(Differ.same(Double.POSITIVE_INFINITY, 1L, null));
    assertTrue(Differ.same(List.of(1L, 2L), List.of(1.0, 2), null));
    assertTrue(Differ.same(Map.of("a", List.of(Map.of("b", 1L))),
        Map.of("a", List.of(Map.of("b", 1.0, "c", "default"))), null));
  }

  @Test
  void numbersInDiffCompareByValue() {
    Map<String, Object> desired = yaml("spec: {replicas: 1, ratio: 0.5, big: 10}\n");
    Map<String, Object> live = json("{'spec':{'replicas':1.0,'ratio':0.50,'big':10.0}}");
    check(desired, live, applied(desired), List.of(), List.of());
  }
}
