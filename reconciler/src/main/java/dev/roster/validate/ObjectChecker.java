package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules that concern one object on its own and hold for every kind. */
final class ObjectChecker {
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private ObjectChecker() {}

  /**
   * Identity problems (apiVersion, kind, metadata, name) that make every later check meaningless:
   * missing, empty, or of another type than string, saying which type was found.
   */
  static List<Problem> identity(Manifest m) {
    List<Problem> out = new ArrayList<>();
    string(m, m.object(), "apiVersion", "/apiVersion", "apiVersion", out);
    string(m, m.object(), "kind", "/kind", "kind", out);
    Object meta = m.object().get("metadata");
    if (meta != null && !(meta instanceof Map<?, ?>)) {
      out.add(m.error("/metadata", "metadata must be a mapping, found " + found(meta)));
    } else {
      string(m, m.metadata(), "name", "/metadata/name", "metadata.name", out);
    }
    return out;
  }

  /** Adds a problem unless {@code map.key} is a non-empty string. */
  private static void string(Manifest m, Map<String, Object> map, String key, String pointer,
      String label, List<Problem> out) {
    Object v = map.get(key);
    if (!map.containsKey(key)) {
      out.add(m.error(pointer, "missing " + label));
    } else if (!(v instanceof String s)) {
      String hint = v instanceof Number || v instanceof Boolean ? ": quote it to keep the text"
          : "";
      out.add(m.error(pointer, label + " must be a string, found " + found(v) + hint));
    } else if (s.isEmpty()) {
      out.add(m.error(pointer, label + " must not be empty"));
    }
  }

  /** What a parsed value is, for messages; never the value itself (it may be a secret). */
  static String found(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    return "a string";
  }

  /** Names, scope, committed status and committed secret data. */
  static List<Problem> check(Manifest m, Profile profile) {
    List<Problem> out = new ArrayList<>();
    String name = m.name();
    if (profile.nameFormat() == Profile.NameFormat.LABEL) {
      if (name.length() > 63 || !LABEL.matcher(name).matches()) {
        out.add(m.error("/metadata/name", "invalid name \"" + name + "\": must be a DNS-1123"
            + " label (lower-case letters, digits and '-', at most 63 characters)"));
      }
    } else if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      out.add(m.error("/metadata/name", "invalid name \"" + name + "\": must be a DNS-1123"
          + " subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)"));
    }
    String ns = m.namespace();
    if (m.metadata().containsKey("namespace") && profile.scope() == Profile.Scope.CLUSTER) {
      out.add(m.error("/metadata/namespace",
          m.kind() + " is cluster-scoped: remove metadata.namespace"));
    } else if (!ns.isEmpty() && (ns.length() > 63 || !LABEL.matcher(ns).matches())) {
      out.add(m.error("/metadata/namespace",
          "invalid namespace \"" + ns + "\": must be a DNS-1123 label"));
    }
    if (m.object().containsKey("status")) {
      out.add(m.problem("/status",
          "status is written by the cluster and ignored on apply: remove it from the repo",
          Severity.WARNING));
    }
    if (m.group().isEmpty() && "Secret".equals(m.kind())) {
      for (String field : List.of("data", "stringData")) {
        if (m.object().get(field) instanceof Map<?, ?> d && !d.isEmpty()) {
          out.add(m.error("/" + field, "secret values must never be committed: keep the Secret"
              + " outside Git (kubectl create secret, External Secrets, Sealed Secrets) and"
              + " reference it by name"));
        }
      }
    }
    return out;
  }
}
