package dev.roster.chart;

import static dev.roster.chart.Charts.at;
import static dev.roster.chart.Charts.container;
import static dev.roster.chart.Charts.list;
import static dev.roster.chart.Charts.map;
import static dev.roster.chart.Charts.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.roster.load.LoadOptions;
import dev.roster.load.Manifest;
import dev.roster.load.ManifestLoader;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.SchemaValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart lints clean, renders serve as documented, and hands serve a config it accepts. */
class ChartTest {
  @TempDir Path dir;

  @Test
  void lintsCleanStrictWithTheDefaults() {
    LintResult r = new Helm(Charts.CHART).lint().strict().call();
    assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
  }

  @Test
  void lintsCleanStrictWithEveryOptionalFeatureOn() throws Exception {
    Path chart = Charts.copyWithValues(dir, merged(ChartOptionsTest.ALL_ON));
    LintResult r = new Helm(chart).lint().strict().call();
    assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
    List<String> kinds = Charts.kinds(Charts.parse(new Helm(chart).template().withName("r1")
        .withNamespace(Charts.NS).call()));
    assertTrue(kinds.containsAll(List.of("Ingress", "NetworkPolicy", "PodDisruptionBudget",
        "ServiceMonitor")), kinds.toString());
  }

  @Test
  void rendersServeWithLeaderElectionAndAValidConfig() throws Exception {
    List<Map<String, Object>> objects = Charts.render(dir,
        "sources:",
        "  - name: agents-prod",
        "    repo: https://github.com/acme/agents-config.git",
        "    ref: main",
        "    interval: 2m",
        "    webhook: {secretRef: {name: roster-webhook}}");
    Map<String, Object> container = container(objects);
    String args = String.valueOf(container.get("args"));
    assertTrue(args.contains("--leader-elect"), args);
    assertTrue(args.contains("--listen=0.0.0.0:8080"), args);
    assertTrue(args.contains("--metrics-listen=0.0.0.0:8081"), args);
    assertTrue(args.contains("--inventory-namespace=roster-system"), args);
    assertEquals("[{name=http, containerPort=8080}, {name=metrics, containerPort=8081}]",
        String.valueOf(container.get("ports")));
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      assertEquals("metrics", at(container, probe, "httpGet", "port"),
          probe + " must not use the webhook port");
    }
    assertEquals("[{name=http, port=8080, targetPort=http},"
        + " {name=metrics, port=8081, targetPort=metrics}]",
        String.valueOf(at(one(objects, "Service"), "spec", "ports")));
    assertTrue(args.contains("--config=/etc/roster/config.yaml"), args);
    String config = String.valueOf(at(one(objects, "ConfigMap"), "data", "config.yaml"));
    Manifest serveConfig = new ManifestLoader(LoadOptions.defaults())
        .parseBytes("config.yaml", config.getBytes(StandardCharsets.UTF_8)).manifests().get(0);
    SchemaCatalog catalog = SchemaCatalog.bundled();
    assertEquals(List.of(), new SchemaValidator(catalog).validate(serveConfig,
        catalog.schemaById(SchemaCatalog.BASE + "serve/config.json").orElseThrow()));
    assertEquals("agents-prod",
        ((Map<?, ?>) ((List<?>) serveConfig.object().get("sources")).get(0)).get("name"));
  }

  @Test
  void jvmFlagsAreSizedToTheMemoryLimit() {
    Map<String, Object> container = container(Charts.render(dir, "{}"));
    assertEquals("384Mi", at(container, "resources", "limits", "memory"));
    Map<?, ?> javaOpts = list(container, "env").stream().map(e -> (Map<?, ?>) e)
        .filter(e -> "JAVA_OPTS".equals(e.get("name"))).findFirst().orElseThrow();
    assertEquals("-XX:MaxRAMPercentage=30 -XX:+ExitOnOutOfMemoryError", javaOpts.get("value"));
    assertEquals(Boolean.TRUE, at(container, "securityContext", "readOnlyRootFilesystem"));
    assertEquals(Boolean.TRUE, at(one(Charts.render(dir, "{}"), "Deployment"), "spec",
        "template", "spec", "securityContext", "runAsNonRoot"));
  }

  @Test
  void everyObjectCarriesTheStandardLabels() {
    List<Map<String, Object>> objects = Charts.render(dir, ChartOptionsTest.ALL_ON);
    assertTrue(objects.size() > 10, Charts.kinds(objects).toString());
    for (Map<String, Object> o : objects) {
      Map<String, Object> labels = map(o, "metadata", "labels");
      String what = o.get("kind") + "/" + at(o, "metadata", "name");
      assertEquals("roster-0.1.0", labels.get("helm.sh/chart"), what);
      assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), what);
      assertEquals("r1", labels.get("app.kubernetes.io/instance"), what);
      assertEquals("roster", labels.get("app.kubernetes.io/name"), what);
      assertEquals("0.1.0", labels.get("app.kubernetes.io/version"), what);
    }
  }

  @Test
  void theHelmTestAsksReadyzThroughTheService() throws Exception {
    Path test = Charts.CHART.resolve("templates/tests/readyz.yaml");
    assertTrue(Files.readString(test).contains("helm.sh/hook: test"), "a helm test hook");
    // helm template leaves hooks out: render a copy where it is a plain object.
    Path chart = Charts.copyWithValues(dir, Files.readString(Charts.CHART.resolve("values.yaml")));
    Path copy = chart.resolve("templates/tests/readyz.yaml");
    Files.writeString(copy, Files.readString(copy).replaceAll("(?m)^.*helm\\.sh/hook.*$", ""));
    Map<String, Object> pod = one(Charts.renderChart(chart, dir, "r1", Charts.NS, "{}"), "Pod");
    assertEquals("[wget, -q, -O, -, http://r1-roster:8081/readyz]",
        String.valueOf(at(pod, "spec", "containers", 0, "command")));
  }

  @Test
  void notesSayWhereWebhooksMetricsAndStatusAre() throws Exception {
    String plain = Charts.notes(dir, "{}");
    assertTrue(plain.contains("No sources yet"), plain);
    assertTrue(plain.contains("Set ingress.enabled=true"), plain);
    assertTrue(plain.contains("RBAC: cluster-wide (ClusterRole r1-roster-roster-system)"), plain);
    String on = Charts.notes(dir, "ingress: {enabled: true, tls: [{secretName: t}]}",
        "metrics: {serviceMonitor: {enabled: true}}",
        "rbac: {clusterWide: false, namespaces: [team-a, team-b]}");
    assertTrue(on.contains("https://roster.example.com/hooks/<source>"), on);
    assertTrue(on.contains("scraped through ServiceMonitor r1-roster"), on);
    assertTrue(on.contains("RBAC: namespaced: Roles in team-a, team-b"), on);
  }

  /** The chart's values.yaml with {@code overrides} (YAML lines) merged in, as YAML. */
  static String merged(String... overrides) throws Exception {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> base = yaml.load(Files.readString(Charts.CHART.resolve("values.yaml")));
    Map<String, Object> over = yaml.load(String.join("\n", overrides));
    merge(base, over);
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(o).dump(base);
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> base, Map<String, Object> over) {
    over.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && base.get(k) instanceof Map<?, ?> b) {
        merge((Map<String, Object>) b, (Map<String, Object>) m);
      } else {
        base.put(k, v);
      }
    });
  }
}
