package dev.roster.chart;

import static dev.roster.chart.Charts.all;
import static dev.roster.chart.Charts.at;
import static dev.roster.chart.Charts.list;
import static dev.roster.chart.Charts.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.devcluster.Plurals;
import dev.roster.validate.KindId;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Least-privilege RBAC in both modes: the platforms' kinds with exactly the verbs Roster uses,
 * Secrets by name only, the release namespace's own objects through a Role, and names that do
 * not collide between releases.
 */
class ChartRbacTest {
  static final List<String> KIND_VERBS =
      List.of("get", "list", "watch", "create", "patch", "delete");
  static final String[] SOURCES = {
      "sources:",
      "  - name: prod",
      "    repo: https://github.com/acme/agents-config.git",
      "    namespace: team-a",
      "    credentials: {secretRef: {name: git-credentials}}",
      "    webhook: {secretRef: {name: roster-webhook}}",
      "  - name: lab",
      "    repo: https://github.com/acme/lab.git",
      "    namespace: team-b",
      "    credentials: {secretRef: {name: lab-git, namespace: team-b}}",
      "    webhook: {secretRef: {name: roster-webhook}}",
  };

  @TempDir Path dir;

  @Test
  void clusterWideGivesTheKindsExactVerbsAndSecretsByNameInTheReleaseNamespace() {
    List<Map<String, Object>> objects = Charts.render(dir, SOURCES);
    Map<String, Object> cr = one(objects, "ClusterRole");
    assertEquals("r1-roster-roster-system", at(cr, "metadata", "name"));
    List<Map<String, Object>> rules = rules(cr);
    noWildcards(rules);
    for (Map<String, Object> r : rules) {
      List<Object> resources = list(r, "resources");
      assertTrue(!resources.contains("secrets") && !resources.contains("leases"), r.toString());
      assertEquals(resources.equals(List.of("events")) ? List.of("create") : KIND_VERBS,
          r.get("verbs"), r.toString());
    }
    assertEquals(List.of("agents", "agenttemplates", "crontasks", "tasks", "kubeopencodeconfigs"),
        resourcesOf(rules, "kubeopencode.io"));
    assertEquals(List.of("configmaps", "serviceaccounts", "namespaces"), resourcesOf(rules, ""));
    assertEquals(subject(one(objects, "ClusterRoleBinding")), "roster-system/r1-roster");

    Map<String, Object> role = releaseRole(objects);
    List<Map<String, Object>> own = rules(role);
    noWildcards(own);
    assertEquals(List.of(
        Map.of("apiGroups", List.of(""), "resources", List.of("configmaps"),
            "verbs", List.of("get", "list", "watch", "create", "update", "patch")),
        Map.of("apiGroups", List.of("coordination.k8s.io"), "resources", List.of("leases"),
            "verbs", List.of("create")),
        Map.of("apiGroups", List.of("coordination.k8s.io"), "resources", List.of("leases"),
            "resourceNames", List.of("roster-leader"), "verbs", List.of("get", "patch")),
        Map.of("apiGroups", List.of("coordination.k8s.io"), "resources", List.of("leases"),
            "resourceNames", List.of("roster-apply-prod", "roster-apply-lab"),
            "verbs", List.of("get", "update", "delete")),
        Map.of("apiGroups", List.of(""), "resources", List.of("events"),
            "verbs", List.of("create")),
        Map.of("apiGroups", List.of(""), "resources", List.of("secrets"),
            "resourceNames", List.of("git-credentials", "roster-webhook"),
            "verbs", List.of("get"))), own);

    Map<String, Object> other = all(objects, "Role").stream()
        .filter(r -> "team-b".equals(at(r, "metadata", "namespace"))).findFirst().orElseThrow();
    assertEquals(List.of(Map.of("apiGroups", List.of(""), "resources", List.of("secrets"),
        "resourceNames", List.of("lab-git"), "verbs", List.of("get"))), rules(other),
        "a Secret in another namespace: get on it by name, there");
  }

  @Test
  void noSourceSecretsMeansNoSecretRule() {
    List<Map<String, Object>> objects = Charts.render(dir, "{}");
    for (Map<String, Object> r : rules(releaseRole(objects))) {
      assertTrue(!list(r, "resources").contains("secrets"), r.toString());
    }
  }

  @Test
  void namespacedModeGivesRolesOnlyAndNoClusterScopedKinds() {
    List<String> values = new ArrayList<>(List.of(SOURCES));
    values.add("rbac: {clusterWide: false, namespaces: [team-a, team-b]}");
    List<Map<String, Object>> objects = Charts.render(dir, values.toArray(String[]::new));
    assertEquals(List.of(), all(objects, "ClusterRole"));
    assertEquals(List.of(), all(objects, "ClusterRoleBinding"));
    for (String ns : List.of("team-a", "team-b")) {
      Map<String, Object> role = all(objects, "Role").stream()
          .filter(r -> ns.equals(at(r, "metadata", "namespace"))
              && "r1-roster-roster-system".equals(at(r, "metadata", "name")))
          .findFirst().orElseThrow(() -> new AssertionError("no Role in " + ns));
      List<Map<String, Object>> rules = rules(role);
      noWildcards(rules);
      assertEquals(List.of("agents", "agenttemplates", "crontasks", "tasks"),
          resourcesOf(rules, "kubeopencode.io"), "no cluster-scoped kubeopencodeconfigs");
      assertEquals(List.of("configmaps", "serviceaccounts"), resourcesOf(rules, ""),
          "no namespaces");
      Map<String, Object> binding = all(objects, "RoleBinding").stream()
          .filter(b -> ns.equals(at(b, "metadata", "namespace"))
              && "r1-roster-roster-system".equals(at(b, "metadata", "name")))
          .findFirst().orElseThrow();
      assertEquals("roster-system/r1-roster", subject(binding));
      assertEquals("r1-roster-roster-system", at(binding, "roleRef", "name"));
    }
    assertEquals(6, rules(releaseRole(objects)).size(), "the release namespace's Role stays");
  }

  @Test
  void namespacedModeRefusesASourceOutsideItsNamespaces() {
    List<String> values = new ArrayList<>(List.of(SOURCES));
    values.add("rbac: {clusterWide: false, namespaces: [team-a]}");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.render(dir, values.toArray(String[]::new)));
    assertTrue(e.getMessage().contains(
        "source lab applies to namespace team-b, which rbac.namespaces does not list"),
        e.getMessage());
  }

  @Test
  void twoReleasesOfOneNameInTwoNamespacesDoNotCollide() {
    String a = (String) at(one(Charts.renderAs(dir, "r1", "team-a", "{}"), "ClusterRole"),
        "metadata", "name");
    String b = (String) at(one(Charts.renderAs(dir, "r1", "team-b", "{}"), "ClusterRole"),
        "metadata", "name");
    assertNotEquals(a, b);
  }

  /** rbac.kinds lists exactly the kinds Roster bundles schemas for, by plural and scope. */
  @Test
  @SuppressWarnings("unchecked")
  void theDefaultKindsAreTheBundledCatalog() throws Exception {
    SchemaCatalog catalog = SchemaCatalog.bundled();
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    for (KindId k : catalog.kinds()) {
      if (k.group().equals("roster.dev") || k.kind().equals("Secret")) {
        continue; // Roster's own repo config is never applied; Secrets are never in Git
      }
      boolean cluster = catalog.profile(k.group(), k.kind()).scope() == Profile.Scope.CLUSTER;
      expected.computeIfAbsent(k.group() + (cluster ? " cluster" : " namespaced"),
          x -> new TreeSet<>()).add(Plurals.of(k.kind()));
    }
    Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(Charts.CHART.resolve("values.yaml")));
    Map<String, TreeSet<String>> actual = new TreeMap<>();
    for (Object o : list(values, "rbac", "kinds")) {
      Map<String, Object> k = (Map<String, Object>) o;
      for (String scope : List.of("namespaced", "cluster")) {
        if (k.get(scope) != null) {
          actual.computeIfAbsent(k.get("apiGroup") + " " + scope, x -> new TreeSet<>())
              .addAll((List<String>) k.get(scope));
        }
      }
    }
    assertEquals(expected, actual);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Map<String, Object> role) {
    return (List<Map<String, Object>>) (List<?>) list(role, "rules");
  }

  static Map<String, Object> releaseRole(List<Map<String, Object>> objects) {
    return all(objects, "Role").stream()
        .filter(r -> at(r, "metadata", "namespace") == null
            && "r1-roster".equals(at(r, "metadata", "name"))).findFirst().orElseThrow();
  }

  static List<Object> resourcesOf(List<Map<String, Object>> rules, String group) {
    return rules.stream().filter(r -> list(r, "apiGroups").equals(List.of(group))
        && !list(r, "resources").equals(List.of("events")))
        .flatMap(r -> list(r, "resources").stream()).toList();
  }

  static void noWildcards(List<Map<String, Object>> rules) {
    for (Map<String, Object> r : rules) {
      for (String field : List.of("apiGroups", "resources", "verbs")) {
        assertTrue(!list(r, field).contains("*"), field + " of " + r);
      }
    }
  }

  static String subject(Map<String, Object> binding) {
    return at(binding, "subjects", 0, "namespace") + "/" + at(binding, "subjects", 0, "name");
  }
}
