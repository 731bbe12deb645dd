package dev.roster.chart;

import static dev.roster.chart.Charts.at;
import static dev.roster.chart.Charts.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Install on a cluster" is true of the chart and of the Dockerfile: its values render
 * the image it names and Secret access to exactly the Secrets it creates; the image and the chart
 * agree on the user, the ports, the JVM flags; the memory limit README states is the chart's.
 */
class InstallReadmeTest {
  static final Path ROOT = Path.of(System.getProperty("roster.repoRoot", ".."));

  @TempDir Path dir;

  static String section() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int at = readme.indexOf("## Install on a cluster");
    assertTrue(at >= 0, "README lost its Install on a cluster section");
    return readme.substring(at, readme.indexOf("\n## ", at + 1));
  }

  static String dockerfile() throws IOException {
    return Files.readString(ROOT.resolve("Dockerfile"));
  }

  @Test
  void theValuesInTheReadmeRenderTheImageAndTheSecretsItCreates() throws IOException {
    String section = section();
    int at = section.indexOf("# my-values.yaml\n");
    String values = section.substring(at, section.indexOf("```", at));
    List<Map<String, Object>> objects = Charts.render(dir, values.lines().toArray(String[]::new));
    assertEquals("registry.example.com/roster:0.1.0-SNAPSHOT",
        Charts.container(objects).get("image"));
    assertTrue(section.contains("docker build -t registry.example.com/roster:0.1.0-SNAPSHOT"),
        "the image README builds is the one its values name");
    List<Object> secretNames = Charts.all(objects, "Role").stream()
        .flatMap(r -> list(r, "rules").stream())
        .filter(r -> list(r, "resources").contains("secrets"))
        .flatMap(r -> list(r, "resourceNames").stream()).sorted().toList();
    assertEquals(List.of("git-credentials", "roster-webhook"), secretNames);
    for (String secret : List.of("git-credentials", "roster-webhook")) {
      assertTrue(section.contains("create secret generic " + secret + " "), secret);
    }
    assertTrue(section.contains("--from-file=secret="), "the webhook Secret's default key");
  }

  @Test
  void theImageAndTheChartAgreeOnUserPortsJvmFlagsAndMemory() throws IOException {
    String docker = dockerfile();
    List<Map<String, Object>> objects = Charts.render(dir, "sources: []");
    Map<String, Object> container = Charts.container(objects);
    Matcher opts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(docker);
    assertTrue(opts.find(), "the Dockerfile sets JAVA_OPTS");
    String javaOpts = list(container, "env").stream().map(e -> (Map<?, ?>) e)
        .filter(e -> "JAVA_OPTS".equals(e.get("name"))).map(e -> (String) e.get("value"))
        .findFirst().orElseThrow();
    assertEquals(opts.group(1), javaOpts, "the image's and the chart's JVM flags");
    assertTrue(section().contains("JAVA_OPTS=" + javaOpts), "README states the flags");

    Map<String, Object> deployment = Charts.one(objects, "Deployment");
    Object uid = at(deployment, "spec", "template", "spec", "securityContext", "runAsUser");
    assertTrue(docker.contains("\nUSER " + uid + ":" + uid + "\n"), "USER " + uid);
    List<?> ports = list(container, "ports").stream()
        .map(p -> ((Map<?, ?>) p).get("containerPort")).toList();
    assertTrue(docker.contains("\nEXPOSE " + ports.get(0) + " " + ports.get(1) + "\n"),
        "EXPOSE " + ports);
    assertEquals("384Mi", at(container, "resources", "limits", "memory"));
    assertTrue(section().contains("`limits: {memory: 384Mi}`"), "README states the limit");
  }
}
