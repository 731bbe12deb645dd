package dev.roster.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.roster.load.Location;
import dev.roster.load.Manifest;
import dev.roster.load.PointerIndex;
import dev.roster.load.Problem;
import dev.roster.load.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks one manifest against the JSON Schema of its kind and turns each schema error into a
 * located problem. Errors inside a failed {@code oneOf}, {@code anyOf} or {@code not} are folded
 * into that keyword's own error, so a rule reads as one message.
 */
public final class SchemaValidator {
  private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "not");

  private final SchemaCatalog catalog;

  public SchemaValidator(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /** Problems of {@code m} against {@code schema}; empty when it conforms. */
  public List<Problem> validate(Manifest m, Schema schema) {
    List<Error> errors = schema.validate(JsonTrees.toNode(m.object()));
    if (errors.isEmpty()) {
      return List.of();
    }
    List<String> folded = new ArrayList<>();
    for (Error e : errors) {
      if (COMBINATORS.contains(e.getKeyword())) {
        folded.add(e.getEvaluationPath().toString() + "/");
      }
    }
    List<Problem> out = new ArrayList<>();
    for (Error e : errors) {
      String eval = e.getEvaluationPath().toString();
      if (folded.stream().anyMatch(eval::startsWith)) {
        continue;
      }
      out.add(toProblem(m, e));
    }
    return out;
  }

  private Problem toProblem(Manifest m, Error e) {
    String pointer = pointer(e);
    String at = pointer;
    String message = e.getMessage();
    String property = e.getProperty();
    if (!e.isCustomMessage() && property != null) {
      if ("additionalProperties".equals(e.getKeyword())
          || "unevaluatedProperties".equals(e.getKeyword())) {
        at = pointer + "/" + PointerIndex.escape(property);
        message = "unknown field \"" + property + "\"" + suggestion(e, property);
      } else if ("required".equals(e.getKeyword())) {
        message = "missing required field \"" + property + "\"";
      }
    }
    Location loc = m.locate(at);
    return new Problem(m.origin().file(), loc.line(), loc.column(), m.subject(), pointer,
        message, Severity.ERROR);
  }

  private static String pointer(Error e) {
    String p = e.getInstanceLocation().toString();
    return "/".equals(p) ? "" : p;
  }

  /** ", did you mean \"x\"?" when a declared property is close to the unknown one. */
  private String suggestion(Error e, String unknown) {
    String loc = e.getSchemaLocation().toString();
    int hash = loc.indexOf('#');
    if (hash < 0) {
      return "";
    }
    JsonNode doc = catalog.rawSchema(loc.substring(0, hash));
    String frag = loc.substring(hash + 1);
    int slash = frag.lastIndexOf('/');
    if (doc == null || slash < 0) {
      return "";
    }
    JsonNode props = doc.at(frag.substring(0, slash)).path("properties");
    String best = closest(unknown, props.isObject() ? props.propertyNames() : List.of());
    return best == null ? "" : ", did you mean \"" + best + "\"?";
  }

  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(2, word.length() / 3) + 1;
    for (String c : candidates) {
      int d = distance(word.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
