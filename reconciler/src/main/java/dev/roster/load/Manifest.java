package dev.roster.load;

import java.util.Map;

/**
 * One desired object as read from the repo: the parsed tree (maps, lists, strings, booleans,
 * longs, doubles, nulls; read-only and compact, see {@link CompactTrees}: writing to it throws),
 * where it came from, and where each field sits in the file.
 */
public record Manifest(Origin origin, Map<String, Object> object, PointerIndex index) {

  public String apiVersion() {
    return string(object.get("apiVersion"));
  }

  public String kind() {
    return string(object.get("kind"));
  }

  /** API group from apiVersion; empty for the core group. One shared instance per group. */
  public String group() {
    String av = apiVersion();
    int slash = av.indexOf('/');
    return slash < 0 ? "" : av.substring(0, slash).intern(); // kept in keys, thousands alike
  }

  /** API version without the group. */
  public String version() {
    String av = apiVersion();
    int slash = av.indexOf('/');
    return slash < 0 ? av : av.substring(slash + 1);
  }

  public Map<String, Object> metadata() {
    return object.get("metadata") instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  public String name() {
    return string(metadata().get("name"));
  }

  /** metadata.namespace as written; empty when absent. */
  public String namespace() {
    return string(metadata().get("namespace"));
  }

  /** Annotation value, or null. */
  public String annotation(String key) {
    return Metadata.annotation(object, key);
  }

  public ResourceKey key() {
    return new ResourceKey(group(), kind(), namespace(), name());
  }

  /** {@code Kind/name} for messages; a placeholder when either is missing. */
  public String subject() {
    String k = kind().isEmpty() ? "<no kind>" : kind();
    String n = name().isEmpty() ? "<no name>" : name();
    return k + "/" + n;
  }

  /** Location of the field at {@code pointer} (or its nearest present ancestor). */
  public Location locate(String pointer) {
    return index.locate(pointer);
  }

  /** A located error about this object. */
  public Problem error(String pointer, String message) {
    return problem(pointer, message, Severity.ERROR);
  }

  public Problem problem(String pointer, String message, Severity severity) {
    Location loc = locate(pointer);
    return new Problem(
        origin.file(), loc.line(), loc.column(), subject(), pointer, message, severity);
  }

  private static String string(Object o) {
    return o instanceof String s ? s : "";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
