package dev.roster.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Renders charts/roster with helm-java (Helm's own engine) and reads what it rendered. */
final class Charts {
  static final Path CHART = Path.of(System.getProperty("roster.repoRoot", ".."))
      .resolve("charts/roster");
  static final String NS = "roster-system";

  private Charts() {}

  /** {@code helm template r1 -n roster-system} with {@code values} (YAML lines) as -f. */
  static List<Map<String, Object>> render(Path dir, String... values) {
    return renderAs(dir, "r1", NS, values);
  }

  static List<Map<String, Object>> renderAs(Path dir, String release, String namespace,
      String... values) {
    return renderChart(CHART, dir, release, namespace, values);
  }

  /** {@code helm template} of {@code chart} (hooks, such as helm test's pod, are left out). */
  static List<Map<String, Object>> renderChart(Path chart, Path dir, String release,
      String namespace, String... values) {
    try {
      Path file = Files.createTempFile(dir, "values", ".yaml");
      Files.writeString(file, String.join("\n", values) + "\n");
      TemplateCommand t = new Helm(chart).template().withName(release).withNamespace(namespace)
          .withValuesFile(file);
      return parse(t.call());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (o instanceof Map<?, ?> m) {
        out.add((Map<String, Object>) m);
      }
    }
    return out;
  }

  /** Every rendered object of {@code kind}. */
  static List<Map<String, Object>> all(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  /** The one rendered object of {@code kind}; fails when there is none or several. */
  static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> found = all(objects, kind);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " objects of kind " + kind + ": " + kinds(objects));
    }
    return found.get(0);
  }

  static List<String> kinds(List<Map<String, Object>> objects) {
    return objects.stream().map(o -> String.valueOf(o.get("kind"))).sorted().toList();
  }

  /** The value at {@code path} (map keys, or list indexes as numbers); null when absent. */
  static Object at(Object node, Object... path) {
    Object n = node;
    for (Object p : path) {
      if (n instanceof Map<?, ?> m) {
        n = m.get(p);
      } else if (n instanceof List<?> l && p instanceof Integer i) {
        n = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, Object... path) {
    return (Map<String, Object>) at(node, path);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, Object... path) {
    Object v = at(node, path);
    return v == null ? List.of() : (List<Object>) v;
  }

  /** The roster container of the Deployment. */
  static Map<String, Object> container(List<Map<String, Object>> objects) {
    return map(one(objects, "Deployment"), "spec", "template", "spec", "containers", 0);
  }

  /** The NOTES.txt that {@code helm install} prints with {@code values} (a dry run, no cluster). */
  static String notes(Path dir, String... values) throws IOException {
    Path file = Files.createTempFile(dir, "values", ".yaml");
    Files.writeString(file, String.join("\n", values) + "\n");
    String out = new Helm(CHART).install().withName("r1").withNamespace(NS).withValuesFile(file)
        .dryRun().clientOnly().call().getOutput();
    return out.substring(out.indexOf("NOTES:"));
  }

  /** A copy of the chart in {@code dir} whose values.yaml is {@code values}. */
  static Path copyWithValues(Path dir, String values) throws IOException {
    Path copy = dir.resolve("chart-copy");
    try (Stream<Path> s = Files.walk(CHART)) {
      for (Path p : s.toList()) {
        Path to = copy.resolve(CHART.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Files.writeString(copy.resolve("values.yaml"), values);
    return copy;
  }
}
