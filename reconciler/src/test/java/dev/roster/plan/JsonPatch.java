package dev.roster.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict RFC 6902 applier for tests: {@code add}, {@code replace}, {@code remove} and
 * {@code test}, with RFC 6901 pointers. The document is never modified; every operation works on
 * a deep copy, and values are copied in so the result shares nothing with the patch. Anything the
 * RFC calls an error (missing parent, missing target of replace/remove, failed test, bad pointer,
 * array index out of range, missing value member) throws {@link PatchException}.
 */
final class JsonPatch {
  private JsonPatch() {}

  static final class PatchException extends RuntimeException {
    PatchException(String message) {
      super(message);
    }
  }

  private static final Set<String> OPS = Set.of("add", "replace", "remove", "test");

  @SuppressWarnings("unchecked")
  static Map<String, Object> apply(Map<String, Object> document, List<Map<String, Object>> ops) {
    Object root = Trees.copy(document);
    for (Map<String, Object> op : ops) {
      root = applyOne(root, op);
    }
    if (!(root instanceof Map<?, ?>)) {
      throw new PatchException("patch turned the object into a non-object");
    }
    return (Map<String, Object>) root;
  }

  /** RFC 6901 reference tokens of {@code pointer}, unescaped. */
  static List<String> tokens(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new PatchException("pointer does not start with '/': " + pointer);
    }
    List<String> out = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      StringBuilder t = new StringBuilder();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '~') {
          char n = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
          if (n == '0') {
            t.append('~');
          } else if (n == '1') {
            t.append('/');
          } else {
            throw new PatchException("bad escape in pointer " + pointer);
          }
          i++;
        } else {
          t.append(c);
        }
      }
      out.add(t.toString());
    }
    return out;
  }

  private static Object applyOne(Object root, Map<String, Object> op) {
    if (!(op.get("op") instanceof String name) || !OPS.contains(name)) {
      throw new PatchException("unsupported op " + op);
    }
    if (!(op.get("path") instanceof String path)) {
      throw new PatchException("op without a string path: " + op);
    }
    if (!"remove".equals(name) && !op.containsKey("value")) {
      throw new PatchException("op without a value: " + op);
    }
    List<String> tokens = tokens(path);
    Object value = Trees.copy(op.get("value"));
    if ("test".equals(name)) {
      Object have = Trees.at(root, path);
      if (have == Trees.MISSING || !Trees.jsonEquals(value, have)) {
        throw new PatchException("test failed at " + path + ": expected " + value + ", have "
            + have);
      }
      return root;
    }
    if (tokens.isEmpty()) {
      if ("remove".equals(name)) {
        throw new PatchException("cannot remove the whole document");
      }
      return value;
    }
    Object parent = Trees.at(root, path.substring(0, path.lastIndexOf('/')));
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof Map<?, ?> pm) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) pm;
      switch (name) {
        case "add" -> m.put(last, value);
        case "replace" -> {
          if (!m.containsKey(last)) {
            throw new PatchException("replace of a missing member " + path);
          }
          m.put(last, value);
        }
        default -> {
          if (!m.containsKey(last)) {
            throw new PatchException("remove of a missing member " + path);
          }
          m.remove(last);
        }
      }
      return root;
    }
    if (parent instanceof List<?> pl) {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) pl;
      if ("add".equals(name) && "-".equals(last)) {
        l.add(value);
        return root;
      }
      if (!last.matches("0|[1-9][0-9]*")) {
        throw new PatchException("bad array index in " + path);
      }
      int i = Integer.parseInt(last);
      int max = "add".equals(name) ? l.size() : l.size() - 1;
      if (i > max) {
        throw new PatchException("array index out of range in " + path);
      }
      switch (name) {
        case "add" -> l.add(i, value);
        case "replace" -> l.set(i, value);
        default -> l.remove(i);
      }
      return root;
    }
    throw new PatchException("parent of " + path + " does not exist or is a scalar");
  }
}
