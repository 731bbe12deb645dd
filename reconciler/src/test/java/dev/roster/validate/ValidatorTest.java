package dev.roster.validate;

import static dev.roster.validate.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.Problem;
import dev.roster.load.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repo-wide and per-object rules of {@link Validator}, on small repos and the bundled schemas. */
class ValidatorTest {
  @TempDir Path dir;
  TestRepo repo;

  @BeforeEach
  void repo() {
    repo = new TestRepo(dir);
  }

  private static String[] configMap(String name, String namespace) {
    return new String[] {"apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: " + name,
        "  namespace: " + namespace, "data:", "  k: v"};
  }

  @Test
  void acceptsACleanRepo() {
    repo.file("ns.yaml", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: team")
        .file("team/cm.yaml", configMap("agent-config", "team"))
        .file("team/sa.yml", "apiVersion: v1", "kind: ServiceAccount", "metadata:",
            "  name: agent", "  namespace: team", "---", "apiVersion: v1", "kind: Secret",
            "metadata:", "  name: creds", "  namespace: team", "type: Opaque");
    ValidationReport r = repo.validate();
    assertEquals(List.of(), lines(r));
    assertTrue(r.valid());
    assertEquals(3, r.files());
    assertEquals(4, r.objects());
  }

  @Test
  void reportsAnObjectDefinedTwiceAtTheSecondWithTheFirstLocation() {
    repo.file("a.yaml", configMap("cm", "team"))
        .file("b/c.yaml", "# copy", configMap("cm", "team")[0], "kind: ConfigMap", "metadata:",
            "  namespace: team", "  name: cm");
    assertEquals(List.of("b/c.yaml:6:3: ConfigMap/cm: /metadata/name: defined twice: also at"
        + " a.yaml:1:1"), lines(repo.validate()));
  }

  @Test
  void acceptsTheSameNameInOtherNamespacesAndKinds() {
    repo.file("a.yaml", configMap("cm", "team-a"))
        .file("b.yaml", configMap("cm", "team-b"))
        .file("c.yaml", "apiVersion: v1", "kind: ServiceAccount", "metadata:", "  name: cm",
            "  namespace: team-a");
    assertEquals(List.of(), lines(repo.validate()));
  }

  @Test
  void treatsClusterScopedDuplicatesAsOneObjectWhateverTheNamespace() {
    repo.file("a.yaml", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: team")
        .file("b.yaml", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: team",
            "  namespace: default");
    assertEquals(List.of(
        "b.yaml:4:3: Namespace/team: /metadata/name: defined twice: also at a.yaml:1:1",
        "b.yaml:5:3: Namespace/team: /metadata/namespace: Namespace is cluster-scoped: remove"
            + " metadata.namespace"), lines(repo.validate()));
  }

  @Test
  void checksNamesAsTheProfileSays() {
    repo.file("cm.yaml", configMap("agent.config-1", "team"))
        .file("bad-cm.yaml", configMap("Agent_Config", "team"))
        .file("ns.yaml", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: team.a")
        .file("long.yaml", "apiVersion: v1", "kind: Namespace", "metadata:",
            "  name: " + "a".repeat(64));
    assertEquals(List.of(
        "bad-cm.yaml:4:3: ConfigMap/Agent_Config: /metadata/name: invalid name \"Agent_Config\":"
            + " must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253"
            + " characters)",
        "long.yaml:4:3: Namespace/" + "a".repeat(64) + ": /metadata/name: invalid name \""
            + "a".repeat(64) + "\": must be a DNS-1123 label (lower-case letters, digits and"
            + " '-', at most 63 characters)",
        "ns.yaml:4:3: Namespace/team.a: /metadata/name: invalid name \"team.a\": must be a"
            + " DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)"),
        lines(repo.validate()));
  }

  @Test
  void checksTheNamespaceIsALabel() {
    repo.file("cm.yaml", configMap("cm", "Team.A"));
    assertEquals(List.of("cm.yaml:5:3: ConfigMap/cm: /metadata/namespace: invalid namespace"
        + " \"Team.A\": must be a DNS-1123 label"), lines(repo.validate()));
  }

  @Test
  void rejectsUnknownKindsUnlessAllowed() {
    repo.file("w.yaml", "apiVersion: example.com/v1", "kind: Widget", "metadata:", "  name: w");
    assertEquals(List.of("w.yaml:1:1: Widget/w: /apiVersion: unknown kind example.com/v1/Widget:"
        + " Roster has no schema for it (add one with --schema-dir, or pass"
        + " --allow-unknown-kinds)"), lines(repo.validate()));
    assertEquals(List.of(), lines(repo.validate(TestRepo.BUNDLED, true)));
  }

  @Test
  void stillChecksNamesAndDuplicatesOfAllowedUnknownKinds() {
    repo.file("w.yaml", "apiVersion: example.com/v1", "kind: Widget", "metadata:", "  name: W",
        "---", "apiVersion: example.com/v1", "kind: Widget", "metadata:", "  name: W");
    assertEquals(List.of(
        "w.yaml:4:3: Widget/W: /metadata/name: invalid name \"W\": must be a DNS-1123 subdomain"
            + " (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "w.yaml:9:3: Widget/W: /metadata/name: invalid name \"W\": must be a DNS-1123 subdomain"
            + " (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "w.yaml:9:3: Widget/W: /metadata/name: defined twice: also at w.yaml:1:1"),
        lines(repo.validate(TestRepo.BUNDLED, true)));
  }

  @Test
  void suggestsTheKnownVersionsOfAKnownKind() {
    repo.file("cm.yaml", "apiVersion: v2", "kind: ConfigMap", "metadata:", "  name: cm");
    assertEquals(List.of("cm.yaml:1:1: ConfigMap/cm: /apiVersion: unknown version of ConfigMap:"
        + " \"v2\" (known: v1)"), lines(repo.validate()));
  }

  @Test
  void rejectsCommittedSecretValuesWithoutEverPrintingThem() {
    repo.file("s.yaml", "apiVersion: v1", "kind: Secret", "metadata:", "  name: creds",
        "data:", "  token: c3VwZXJzZWNyZXQtdG9rZW4=", "  bad: not*base64*hunter2",
        "stringData:", "  password: hunter2-plain");
    ValidationReport r = repo.validate();
    String advice = "secret values must never be committed: keep the Secret outside Git (kubectl"
        + " create secret, External Secrets, Sealed Secrets) and reference it by name";
    assertEquals(List.of(
        "s.yaml:5:1: Secret/creds: /data: " + advice,
        "s.yaml:7:3: Secret/creds: /data/bad: must be base64-encoded",
        "s.yaml:8:1: Secret/creds: /stringData: " + advice), lines(r));
    for (Problem p : r.problems()) {
      for (String secret : List.of("c3VwZXJzZWNyZXQtdG9rZW4", "hunter2")) {
        assertFalse(p.toString().contains(secret), p.toString());
      }
    }
  }

  @Test
  void doesNotPrintASecretValueThatFailsItsTag() {
    repo.file("s.yaml", "apiVersion: v1", "kind: Secret", "metadata:", "  name: creds",
        "stringData:", "  pin: !!int hunter2");
    assertEquals(List.of("s.yaml:6:3: /stringData/pin: value does not match its tag"
        + " tag:yaml.org,2002:int"), lines(repo.validate()));
  }

  @Test
  void acceptsASecretWithoutValuesAndAConfigMapWithData() {
    repo.file("s.yaml", "apiVersion: v1", "kind: Secret", "metadata:", "  name: creds",
        "data: {}", "type: kubernetes.io/tls");
    assertEquals(List.of(), lines(repo.validate()));
  }

  @Test
  void warnsAboutACommittedStatusWithoutFailing() {
    repo.file("cm.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: cm",
        "status:", "  phase: Active");
    ValidationReport r = repo.validate();
    assertEquals(List.of("cm.yaml:5:1: warning: ConfigMap/cm: /status: status is written by the"
        + " cluster and ignored on apply: remove it from the repo"), lines(r));
    assertEquals(Severity.WARNING, r.problems().get(0).severity());
    assertTrue(r.valid());
    assertEquals(0, r.errors());
    assertEquals(1, r.warnings());
  }

  @Test
  void reportsMissingIdentityAndSkipsFurtherChecksOfThatObject() {
    repo.file("m.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: ok", "---",
        "# second", "metadata:", "  name: Not_Checked", "---", "apiVersion: v1",
        "kind: ConfigMap", "metadata: {}");
    assertEquals(List.of(
        "m.yaml:7:1: <no kind>/Not_Checked: /apiVersion: missing apiVersion",
        "m.yaml:7:1: <no kind>/Not_Checked: /kind: missing kind",
        "m.yaml:12:1: ConfigMap/<no name>: /metadata/name: missing metadata.name"),
        lines(repo.validate()));
  }

  @Test
  void locatesSchemaErrorsAtTheOffendingField() {
    repo.file("cm.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: cm",
        "  uid: abc", "dta:", "  k: v", "immutable: \"yes\"");
    assertEquals(List.of(
        "cm.yaml:5:3: ConfigMap/cm: /metadata: unknown field \"uid\"",
        "cm.yaml:6:1: ConfigMap/cm: unknown field \"dta\", did you mean \"data\"?",
        "cm.yaml:8:1: ConfigMap/cm: /immutable: string found, boolean expected"),
        lines(repo.validate()));
  }

  @Test
  void reportsEveryIndependentErrorAcrossFiles() {
    repo.file("1.yaml", configMap("Bad_1", "team"))
        .file("2.yaml", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: ns",
            "  namespace: team")
        .file("3.yaml", "apiVersion: v9", "kind: Secret", "metadata:", "  name: s")
        .file("4.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: cm4",
            "data:", "  k: 1")
        .file("5.yaml", "a: 1", "a: 2")
        .file("6.yaml", "apiVersion: v1", "kind: ServiceAccount", "metadata:", "  name: sa",
            "automountServiceAccountToken: maybe")
        .file("7.yaml", "apiVersion: v1", "kind: Secret", "metadata:", "  name: s7",
            "stringData:", "  k: v");
    ValidationReport r = repo.validate();
    assertEquals(List.of(
        "1.yaml:4:3: ConfigMap/Bad_1: /metadata/name: invalid name \"Bad_1\": must be a DNS-1123"
            + " subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "2.yaml:5:3: Namespace/ns: /metadata/namespace: Namespace is cluster-scoped: remove"
            + " metadata.namespace",
        "3.yaml:1:1: Secret/s: /apiVersion: unknown version of Secret: \"v9\" (known: v1)",
        "4.yaml:6:3: ConfigMap/cm4: /data/k: integer found, string expected",
        "5.yaml:2:1: /a: duplicate key \"a\" (first at line 1)",
        "6.yaml:5:1: ServiceAccount/sa: /automountServiceAccountToken: string found, boolean"
            + " expected",
        "7.yaml:5:1: Secret/s7: /stringData: secret values must never be committed: keep the"
            + " Secret outside Git (kubectl create secret, External Secrets, Sealed Secrets) and"
            + " reference it by name"), lines(r));
    assertEquals(7, r.errors());
    assertFalse(r.valid());
  }
}
