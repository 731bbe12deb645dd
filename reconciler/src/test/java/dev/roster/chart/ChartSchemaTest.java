package dev.roster.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * values.schema.json: Helm refuses bad values before rendering anything, and every value in
 * values.yaml is described (so a new value cannot skip the schema).
 */
class ChartSchemaTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "replicas: two | /replicas",
      "drift: revrt | /drift",
      "ingres: {enabled: true} | ingres",
      "ingress: {enabled: 'yes'} | /ingress/enabled",
      "ingress: {enabled: true, hosts: [{host: a.example.com, paths: [{path: hooks}]}]}"
          + " | /ingress/hosts/0/paths/0/path",
      "maxPruneRatio: 2 | /maxPruneRatio",
      "shutdownGrace: 30 seconds | /shutdownGrace",
      "service: {port: 70000} | /service/port",
      "image: {pullPolicy: Sometimes} | /image/pullPolicy",
      "rbac: {clusterWide: false} | /rbac/namespaces",
      "rbac: {clusterWide: false, namespaces: [Team_A]} | /rbac/namespaces",
      "sources: [{name: Prod, repo: x}] | /sources/0/name",
      "sources: [{name: prod}] | repo",
      "sources: [{name: prod, repo: x, webhook: {secretFile: /s, secretRef: {name: w}}}] | /sources/0/webhook",
      "sources: [{name: prod, repo: x, credentials: {token: s3cr3t}}] | token",
      "extraArgs: [concurrency=4] | /extraArgs/0",
      "podAnnotations: {a: 1} | /podAnnotations/a",
      "notify: [{type: teams, url: 'https://x.example.com'}] | /notify/0/type",
      "notify: [{type: webhook, url: x.example.com}] | /notify/0/url",
  })
  void badValuesAreRejectedBeforeRendering(String values, String field) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.render(dir, values));
    assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"),
        e.getMessage());
    assertTrue(e.getMessage().contains(field), field + " not named in: " + e.getMessage());
  }

  @Test
  void everyValueInValuesYamlIsInTheSchema() throws Exception {
    JsonNode schema = JsonMapper.builder().build()
        .readTree(Files.readString(Charts.CHART.resolve("values.schema.json")));
    Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(Charts.CHART.resolve("values.yaml")));
    List<String> missing = new ArrayList<>();
    walk("", values, schema, schema, missing);
    assertEquals(List.of(), missing);
  }

  @Test
  void aSourceTakesExactlyWhatServeConfigTakes() throws Exception {
    JsonNode[] both = sameKeys("source");
    assertEquals(new TreeSet<>(both[0].path("properties").path("credentials").path("properties")
        .propertyNames()), new TreeSet<>(both[1].path("properties").path("credentials")
        .path("properties").propertyNames()));
  }

  @Test
  void aNotifyTargetTakesExactlyWhatServeConfigTakes() throws Exception {
    JsonNode[] both = sameKeys("notifyTarget");
    for (String p : List.of("type", "events")) {
      assertEquals(both[0].path("properties").path(p), both[1].path("properties").path(p), p);
    }
  }

  /**
   * Serve's and the chart's definition {@code def} (in that order), asserted to have the same
   * properties and required ones.
   */
  private static JsonNode[] sameKeys(String def) throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode chart = json.readTree(Files.readString(Charts.CHART.resolve("values.schema.json")))
        .path("$defs").path(def);
    JsonNode serve = json.readTree(Files.readString(Charts.CHART.resolve(
        "../../schema/serve/config.json"))).path("$defs").path(def);
    assertEquals(new TreeSet<>(serve.path("properties").propertyNames()),
        new TreeSet<>(chart.path("properties").propertyNames()));
    assertEquals(serve.path("required"), chart.path("required"));
    return new JsonNode[] {serve, chart};
  }

  @Test
  void notifyIsRenderedIntoTheServeConfig() {
    String config = String.valueOf(Charts.at(Charts.one(Charts.render(dir,
        "sources: [{name: prod, repo: 'https://example.com/c.git'}]",
        "notify: [{type: slack, urlFile: /s/url, events: [recovered]}]"), "ConfigMap"),
        "data", "config.yaml"));
    dev.roster.load.Manifest m = new dev.roster.load.ManifestLoader(
        dev.roster.load.LoadOptions.defaults()).parseBytes("config.yaml",
        config.getBytes(java.nio.charset.StandardCharsets.UTF_8)).manifests().get(0);
    dev.roster.validate.SchemaCatalog catalog = dev.roster.validate.SchemaCatalog.bundled();
    assertEquals(List.of(), new dev.roster.validate.SchemaValidator(catalog).validate(m,
        catalog.schemaById(dev.roster.validate.SchemaCatalog.BASE + "serve/config.json")
            .orElseThrow()));
    assertEquals("[{events=[recovered], type=slack, urlFile=/s/url}]",
        String.valueOf(m.object().get("notify")));
  }

  /** Records every key of {@code value} at {@code path} that {@code node} does not describe. */
  private static void walk(String path, Object value, JsonNode node, JsonNode root,
      List<String> missing) {
    JsonNode n = node.has("$ref")
        ? root.at(node.get("$ref").asString().substring(1)) : node;
    if (value instanceof Map<?, ?> m) {
      JsonNode props = n.path("properties");
      boolean open = !n.has("properties") && n.path("additionalProperties").isMissingNode();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (props.has(key)) {
          walk(path + "." + key, e.getValue(), props.get(key), root, missing);
        } else if (!open && !n.path("additionalProperties").isObject()) {
          missing.add(path + "." + key);
        }
      }
    } else if (value instanceof List<?> l && n.has("items")) {
      for (Object item : l) {
        walk(path + "[]", item, n.get("items"), root, missing);
      }
    }
  }
}
