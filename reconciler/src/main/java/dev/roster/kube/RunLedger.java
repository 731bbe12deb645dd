package dev.roster.kube;

import dev.roster.load.ResourceKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one-shot runs a source created (Tasks, AgentTeamRuns), kept in the inventory ConfigMap under
 * data key {@code runs}: one line {@code group|Kind|namespace|name|entry} per run, so a run the
 * platform cleaned up is not re-created, even after Roster restarts.
 */
final class RunLedger {
  static final String KEY = "runs";

  private RunLedger() {}

  static Map<ResourceKey, String> parse(String text) {
    Map<ResourceKey, String> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] p = line.split("\\|", -1);
      if (p.length == 5) {
        out.put(new ResourceKey(p[0], p[1], p[2], p[3]), p[4]);
      }
    }
    return out;
  }

  /** {@code data} plus the {@code runs} key with {@code text} ({@link #text}) unless empty. */
  static Map<String, String> withRuns(Map<String, String> data, String text) {
    if (text.isEmpty()) {
      return data;
    }
    Map<String, String> out = new LinkedHashMap<>(data);
    out.put(KEY, text);
    return out;
  }

  /** The {@code runs} text: one sorted line per run; empty when there are none. */
  static String text(Map<ResourceKey, String> runs) {
    return runs.entrySet().stream()
        .map(e -> e.getKey().group() + "|" + e.getKey().kind() + "|" + e.getKey().namespace()
            + "|" + e.getKey().name() + "|" + e.getValue())
        .sorted().collect(Collectors.joining("\n"));
  }
}
