package dev.roster.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes label selectors in their string form ({@code a=b,c!=d,e,!f,g in (h,i),j notin (k)})
 * and the query parameters of a request path. The fabric8 mock understands only the equality and
 * existence forms and silently ignores {@code in} and {@code notin}, matching everything; the
 * embedded cluster uses this class to filter lists correctly.
 */
final class Selectors {
  private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$");
  private static final Pattern CMP = Pattern.compile("^([^!=\\s]+)\\s*(==|=|!=)\\s*(\\S*)$");
  private static final Pattern SET_BASED = Pattern.compile("\\s(in|notin)\\s*\\(");

  private Selectors() {}

  /** Whether {@code selector} uses {@code in} or {@code notin}. */
  static boolean isSetBased(String selector) {
    return selector != null && SET_BASED.matcher(selector).find();
  }

  /**
   * The predicate a selector denotes on a label map (null labels: none).
   *
   * @throws IllegalArgumentException if a requirement cannot be parsed
   */
  static Predicate<Map<String, String>> parse(String selector) {
    List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
    for (String req : split(selector)) {
      reqs.add(requirement(req.trim()));
    }
    return labels -> reqs.stream().allMatch(r -> r.test(labels == null ? Map.of() : labels));
  }

  /** A JSON list with the items whose labels fail {@code selector} removed. */
  static JsonNode filterList(String listJson, Predicate<Map<String, String>> selector) {
    JsonNode list = Serialization.unmarshal(listJson, JsonNode.class);
    if (list.path("items") instanceof ArrayNode items) {
      for (int i = items.size() - 1; i >= 0; i--) {
        Map<String, String> labels = new HashMap<>();
        items.get(i).path("metadata").path("labels").fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        if (!selector.test(labels)) {
          items.remove(i);
        }
      }
    }
    return list;
  }

  /** The decoded query parameters of a request path (first value of each). */
  static Map<String, String> query(String path) {
    Map<String, String> out = new HashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      }
    }
    return out;
  }

  private static Predicate<Map<String, String>> requirement(String req) {
    if (req.isEmpty()) {
      return labels -> true;
    }
    Matcher m = SET.matcher(req);
    if (m.matches()) {
      String key = m.group(1);
      Set<String> values = new HashSet<>();
      for (String v : m.group(3).split(",")) {
        values.add(v.trim());
      }
      return "in".equals(m.group(2))
          ? labels -> labels.containsKey(key) && values.contains(labels.get(key))
          : labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
    }
    m = CMP.matcher(req);
    if (m.matches()) {
      String key = m.group(1);
      String value = m.group(3);
      return "!=".equals(m.group(2))
          ? labels -> !value.equals(labels.get(key))
          : labels -> value.equals(labels.get(key));
    }
    if (req.startsWith("!") && !req.substring(1).isBlank()) {
      String key = req.substring(1).trim();
      return labels -> !labels.containsKey(key);
    }
    if (!req.contains(" ") && !req.contains("(")) {
      return labels -> labels.containsKey(req);
    }
    throw new IllegalArgumentException("unable to parse requirement: " + req);
  }

  /** Splits on commas outside parentheses. */
  private static List<String> split(String selector) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    out.add(selector.substring(start));
    return out;
  }
}
