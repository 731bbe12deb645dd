package dev.roster.chart;

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

/** The chart lints, renders, and hands serve a config that serve accepts. */
class ChartTest {
  private static final Path CHART = Path.of(System.getProperty("roster.repoRoot", ".."))
      .resolve("charts/roster");

  @TempDir Path dir;

  @Test
  void lintsClean() {
    LintResult r = new Helm(CHART).lint().strict().call();
    assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
  }

  @Test
  void rendersServeWithLeaderElectionAndAValidConfig() throws Exception {
    Path values = dir.resolve("values.yaml");
    Files.writeString(values, String.join("\n",
        "sources:",
        "  - name: agents-prod",
        "    repo: https://github.com/acme/agents-config.git",
        "    ref: main",
        "    interval: 2m",
        "    webhook: {secretRef: {name: roster-webhook}}",
        ""));
    String yaml = new Helm(CHART).template().withName("r1").withNamespace("roster-system")
        .withValuesFile(values).call();
    List<Manifest> objects = new ManifestLoader(LoadOptions.defaults())
        .parseBytes("rendered.yaml", yaml.getBytes(StandardCharsets.UTF_8)).manifests();
    Manifest deployment = objects.stream().filter(m -> m.kind().equals("Deployment"))
        .findFirst().orElseThrow();
    Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>)
        deployment.object().get("spec")).get("template")).get("spec")).get("containers")).get(0);
    String args = String.valueOf(container.get("args"));
    assertTrue(args.contains("--leader-elect"), args);
    assertTrue(args.contains("--listen=0.0.0.0:8080"), args);
    assertTrue(args.contains("--metrics-listen=0.0.0.0:8081"), args);
    assertEquals("[{name=http, containerPort=8080}, {name=metrics, containerPort=8081}]",
        String.valueOf(container.get("ports")));
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      assertEquals("metrics", ((Map<?, ?>) ((Map<?, ?>) container.get(probe)).get("httpGet"))
          .get("port"), probe + " must not use the webhook port");
    }
    Manifest service = objects.stream().filter(m -> m.kind().equals("Service")).findFirst()
        .orElseThrow();
    assertEquals("[{name=http, port=8080, targetPort=http},"
        + " {name=metrics, port=8081, targetPort=metrics}]",
        String.valueOf(((Map<?, ?>) service.object().get("spec")).get("ports")));
    assertTrue(args.contains("--config=/etc/roster/config.yaml"), args);
    Manifest cm = objects.stream().filter(m -> m.kind().equals("ConfigMap")).findFirst()
        .orElseThrow();
    String config = String.valueOf(((Map<?, ?>) cm.object().get("data")).get("config.yaml"));
    Manifest serveConfig = new ManifestLoader(LoadOptions.defaults())
        .parseBytes("config.yaml", config.getBytes(StandardCharsets.UTF_8)).manifests().get(0);
    SchemaCatalog catalog = SchemaCatalog.bundled();
    assertEquals(List.of(), new SchemaValidator(catalog).validate(serveConfig,
        catalog.schemaById(SchemaCatalog.BASE + "serve/config.json").orElseThrow()));
    assertEquals("agents-prod",
        ((Map<?, ?>) ((List<?>) serveConfig.object().get("sources")).get(0)).get("name"));
  }
}
