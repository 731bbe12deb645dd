package dev.roster.serve.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** One sample line: family or series name, labels sorted by name, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  static String scrape(Metrics m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.scrape(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Samples by {@code name{k=v,...}} with labels sorted, as the text format defines them. */
  static Map<String, Sample> samples(String text) {
    Map<String, Sample> all = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), () -> "not a sample line: " + line);
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      Sample s = new Sample(m.group(1), labels, Double.parseDouble(m.group(3)));
      all.put(s.name() + labels, s);
    }
    return all;
  }

  static double value(Map<String, Sample> samples, String name, String... labels) {
    Map<String, String> l = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    Sample s = samples.get(name + l);
    if (s == null) {
      throw new AssertionError("no sample " + name + l + " in " + samples.keySet());
    }
    return s.value();
  }

  @Test
  void everyFamilyIsScrapedWithItsLabels() throws IOException {
    Metrics m = new Metrics();
    m.reconciled("app", "webhook:github/72d3162e", "succeeded", Duration.ofMillis(1500));
    m.reconciled("app", "poll", "succeeded", Duration.ofMillis(200));
    m.reconciled("app", "poll", "failed", Duration.ofSeconds(40));
    m.gitRequest("ls-remote", true);
    m.gitRequest("ls-remote", true);
    m.gitRequest("fetch", false);
    m.webhook("github", "accepted");
    m.managed("app", Map.of("managed", 12L, "failed", 1L, "orphaned", 0L));
    m.ready("app", true);
    m.ready("infra", false);

    String text = scrape(m);
    Map<String, Sample> s = samples(text);

    assertEquals(2, value(s, "roster_reconcile_duration_seconds_count",
        "source", "app", "result", "succeeded"));
    assertEquals(1.7, value(s, "roster_reconcile_duration_seconds_sum",
        "source", "app", "result", "succeeded"), 1e-9);
    assertEquals(1, value(s, "roster_reconcile_duration_seconds_bucket",
        "source", "app", "result", "succeeded", "le", "1.0"));
    assertEquals(1, value(s, "roster_reconcile_duration_seconds_bucket",
        "source", "app", "result", "failed", "le", "60.0"));
    assertEquals(1, value(s, "roster_reconciles_total",
        "source", "app", "trigger", "webhook", "result", "succeeded"));
    assertEquals(1, value(s, "roster_reconciles_total",
        "source", "app", "trigger", "poll", "result", "failed"));
    assertFalse(text.contains("72d3162e"), "delivery ids never become labels");
    assertEquals(2, value(s, "roster_git_requests_total", "type", "ls-remote", "result", "ok"));
    assertEquals(1, value(s, "roster_git_requests_total", "type", "fetch", "result", "error"));
    assertEquals(1, value(s, "roster_webhook_deliveries_total",
        "provider", "github", "result", "accepted"));
    assertEquals(12, value(s, "roster_managed_objects", "source", "app", "state", "managed"));
    assertEquals(1, value(s, "roster_managed_objects", "source", "app", "state", "failed"));
    assertEquals(0, value(s, "roster_managed_objects", "source", "app", "state", "orphaned"));
    assertEquals(1, value(s, "roster_source_ready", "source", "app"));
    assertEquals(0, value(s, "roster_source_ready", "source", "infra"));
    assertEquals(0, value(s, "roster_held_rollouts", "source", "app"));
    assertEquals(0, value(s, "roster_held_rollouts", "source", "infra"));

    for (String family : new String[] {"roster_reconcile_duration_seconds histogram",
        "roster_reconciles_total counter", "roster_git_requests_total counter",
        "roster_webhook_deliveries_total counter", "roster_managed_objects gauge",
        "roster_source_ready gauge", "roster_held_rollouts gauge",
        "roster_cluster_reachable gauge"}) {
      assertTrue(text.contains("\n# TYPE " + family + "\n"), family);
    }
    assertTrue(s.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")),
        "JVM metrics");
    assertEquals(8, text.lines().filter(l -> l.startsWith("# TYPE roster_")).count(),
        "exactly the roster_ families");
  }

  @Test
  void heldRolloutsAndForget() throws IOException {
    Metrics m = new Metrics();
    m.heldRollouts("app", 2);
    m.ready("app", true);
    m.managed("app", Map.of("managed", 3L));
    assertEquals(2, value(samples(scrape(m)), "roster_held_rollouts", "source", "app"));

    m.forget("app");
    String text = scrape(m);
    assertFalse(text.contains("source=\"app\""), text);
  }

  @Test
  void instancesDoNotShareSeriesAndTheContentTypeIsPrometheusText() throws IOException {
    Metrics a = new Metrics();
    Metrics b = new Metrics();
    a.ready("only-a", true);
    assertFalse(scrape(b).contains("only-a"));
    assertEquals("text/plain; version=0.0.4; charset=utf-8", a.contentType());
  }
}
