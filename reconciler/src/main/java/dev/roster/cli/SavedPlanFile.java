package dev.roster.cli;

import dev.roster.apply.ApplyException;
import dev.roster.apply.ApplyReason;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Plan;
import dev.roster.plan.SavedPlan;
import dev.roster.source.Snapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file {@code roster plan --out FILE} writes and {@code roster apply --plan FILE} reads.
 *
 * <p>Contract: one JSON document
 *
 * <pre>{@code
 * {"format": "roster.dev/saved-plan/v1", "source": "...", "repo": "...", "cluster": "https://...",
 *  "revision": "main@sha1:...",
 *  "objects": [{"group": "", "kind": "ConfigMap", "namespace": "agents", "name": "x",
 *               "operation": "update", "resourceVersion": "42", "digest": "<sha256 hex>"}]}
 * }</pre>
 * {@code resourceVersion} is null for an object absent live. It holds no object content (only
 * digests), so no Secret value is ever written to it.
 */
final class SavedPlanFile {
  static final String FORMAT = "roster.dev/saved-plan/v1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SavedPlanFile() {}

  /** Writes {@code plan} to {@code file}; a file that cannot be written is a usage error. */
  static void write(SavedPlan plan, Path file, CommandSpec spec) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("source", plan.source());
    doc.put("repo", plan.repo());
    doc.put("cluster", plan.cluster());
    doc.put("revision", plan.revision());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (SavedPlan.Entry e : plan.objects()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("group", e.key().group());
      o.put("kind", e.key().kind());
      o.put("namespace", e.key().namespace());
      o.put("name", e.key().name());
      o.put("operation", e.operation());
      o.put("resourceVersion", e.resourceVersion());
      o.put("digest", e.digest());
      objects.add(o);
    }
    doc.put("objects", objects);
    try {
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--out " + file + ": cannot write: " + e);
    }
  }

  /** Reads {@code file}; a missing or malformed file is a usage error. */
  @SuppressWarnings("unchecked")
  static SavedPlan read(Path file, CommandSpec spec) {
    try {
      Map<String, Object> doc = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8),
          Map.class);
      if (!FORMAT.equals(doc.get("format"))) {
        throw new ParameterException(spec.commandLine(), "--plan " + file + ": not a saved plan"
            + " (format is not " + FORMAT + "; make one with 'roster plan --out FILE')");
      }
      List<SavedPlan.Entry> entries = new ArrayList<>();
      for (Map<String, Object> o : (List<Map<String, Object>>) doc.get("objects")) {
        entries.add(new SavedPlan.Entry(new ResourceKey(text(o, "group"), text(o, "kind"),
            text(o, "namespace"), text(o, "name")), text(o, "operation"),
            (String) o.get("resourceVersion"), (String) o.get("digest")));
      }
      return new SavedPlan((String) doc.get("source"), (String) doc.get("repo"),
          (String) doc.get("cluster"), (String) doc.get("revision"), entries);
    } catch (IOException | JacksonException | ClassCastException | NullPointerException e) {
      throw new ParameterException(spec.commandLine(), "--plan " + file
          + ": cannot read the saved plan: " + e.getMessage());
    }
  }

  /**
   * Binds an apply to {@code saved}: returns when {@code now} (the plan made again, from {@code
   * head}, against {@code client}'s cluster) is the saved plan; else prints what moved, one line
   * each, and throws {@link ApplyReason#PLAN_MOVED} before anything is written.
   */
  static void bind(SavedPlan saved, Plan now, Snapshot head, KubernetesClient client, Path file,
      PrintWriter err) {
    List<String> moved = saved.moves(SavedPlan.of(now, head.repo(),
        client.getMasterUrl().toString()));
    if (moved.isEmpty()) {
      return;
    }
    moved.forEach(m -> err.println("moved: " + m));
    throw new ApplyException(ApplyReason.PLAN_MOVED, "the saved plan " + file + " is stale: "
        + moved.size() + (moved.size() == 1 ? " thing" : " things") + " moved since it was made ("
        + moved.get(0) + (moved.size() > 1 ? "; ..." : "") + "); nothing written. Plan again"
        + " ('roster plan --out " + file + "') and review it");
  }

  private static String text(Map<String, Object> o, String field) {
    Object v = o.get(field);
    if (!(v instanceof String s)) {
      throw new ClassCastException("object field '" + field + "' is not a string");
    }
    return s;
  }
}
