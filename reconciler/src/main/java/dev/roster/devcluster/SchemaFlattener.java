package dev.roster.devcluster;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON Schema (draft 2020-12, as {@code schema/} writes them) into a {@link Shape}: the
 * structural schema a CRD would carry, the form OpenAPI publishes. {@code $ref}s are followed
 * (relative to the {@code $id} of the document they are in) and inlined; {@code allOf} branches
 * and referenced schemas are merged into one; {@code oneOf}, {@code anyOf} and {@code
 * if}/{@code then}/{@code else} contribute only the fields and types they declare, never constraints
 * (requiring a field of one branch would refuse the other); {@code not} and cross-field rules are
 * left out. So what is published is never stricter than the schema, and loses only rules OpenAPI
 * cannot state. A reference cycle is cut with an open object.
 */
final class SchemaFlattener {
  private static final String[] BOUNDS = {"pattern", "minimum", "maximum", "minLength",
      "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "format"};

  private final Function<String, JsonNode> documents;
  private final Deque<String> refs = new ArrayDeque<>();

  /** Reads with {@code documents} resolving a document {@code $id} (no fragment) to its JSON. */
  SchemaFlattener(Function<String, JsonNode> documents) {
    this.documents = documents;
  }

  /** The shape of the document with this {@code $id}. */
  Shape flatten(String id) {
    JsonNode doc = documents.apply(id);
    if (doc == null) {
      throw new IllegalArgumentException("no schema document " + id);
    }
    Shape shape = new Shape();
    collect(shape, doc, URI.create(id), true);
    return shape;
  }

  /** The shape of one schema node (e.g. a CRD's openAPIV3Schema); refs resolve against {@code base}. */
  Shape flatten(JsonNode node, String base) {
    Shape shape = new Shape();
    collect(shape, node, URI.create(base), true);
    return shape;
  }

  /**
   * Adds what {@code node} says to {@code into}. With {@code must} false (inside {@code oneOf},
   * {@code anyOf}, {@code then}, {@code else}) only fields, types and descriptions are taken, no
   * constraint.
   */
  private void collect(Shape into, JsonNode node, URI base, boolean must) {
    if (node == null || !node.isObject()) {
      return;
    }
    if (node.path("description").isString() && into.description == null) {
      into.description = node.get("description").stringValue();
    }
    if (node.path("x-kubernetes-preserve-unknown-fields").booleanValue(false)) {
      into.open = true;
    }
    JsonNode type = node.get("type"); // a branch's type too: two types make it any type
    if (type != null) {
      if (type.isString() && !"null".equals(type.stringValue())) {
        into.type(type.stringValue());
      } else if (type.isArray()) {
        ArrayList<String> types = new ArrayList<>();
        type.values().forEach(t -> {
          if (!"null".equals(t.asString())) {
            types.add(t.asString());
          }
        });
        if (types.size() == 1) {
          into.type(types.get(0));
        } else {
          into.anyType = true;
        }
      }
    }
    if (must) {
      constraints(into, node);
    }
    if (into.defaultValue == null && node.has("default")) {
      into.defaultValue = node.get("default");
    }
    for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
      collect(into.properties.computeIfAbsent(p.getKey(), k -> new Shape()), p.getValue(), base,
          must);
    }
    if (node.path("items").isObject()) {
      if (into.items == null) {
        into.items = new Shape();
      }
      collect(into.items, node.get("items"), base, must);
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional != null && additional.isBoolean()) {
      if (!additional.booleanValue() && must) {
        into.closed = true;
      } else if (additional.booleanValue()) {
        into.open = true;
      }
    } else if (additional != null && additional.isObject()) {
      if (into.additional == null) {
        into.additional = new Shape();
      }
      collect(into.additional, additional, base, must);
    }
    if (node.has("patternProperties")) {
      into.open = true;
    }
    if (node.path("$ref").isString()) {
      follow(into, node.get("$ref").stringValue(), base, must);
    }
    node.path("allOf").values().forEach(b -> collect(into, b, base, must));
    node.path("oneOf").values().forEach(b -> collect(into, b, base, false));
    node.path("anyOf").values().forEach(b -> collect(into, b, base, false));
    collect(into, node.get("then"), base, false);
    collect(into, node.get("else"), base, false);
  }

  private static void constraints(Shape into, JsonNode node) {
    if (node.has("const")) {
      into.enumValues = java.util.List.of(node.get("const"));
    } else if (node.path("enum").isArray()) {
      into.enumValues = java.util.List.copyOf(node.get("enum").values());
    }
    node.path("required").values().forEach(r -> into.required.add(r.asString()));
    for (String b : BOUNDS) {
      if (node.has(b) && !into.bounds.containsKey(b)) {
        into.bounds.put(b, node.get(b));
      }
    }
  }

  private void follow(Shape into, String ref, URI base, boolean must) {
    URI target = base.resolve(ref);
    String doc = stripFragment(target);
    String key = doc + "#" + (target.getFragment() == null ? "" : target.getFragment());
    if (refs.contains(key)) {
      into.open = true; // a cycle: stop here, accept anything below
      return;
    }
    JsonNode node = documents.apply(doc);
    if (node == null) {
      throw new IllegalArgumentException("unresolvable $ref " + ref + " from " + base);
    }
    if (target.getFragment() != null && !target.getFragment().isEmpty()) {
      node = node.at(target.getFragment());
      if (node.isMissingNode()) {
        throw new IllegalArgumentException("unresolvable $ref " + ref + " from " + base);
      }
    }
    refs.push(key);
    try {
      collect(into, node, URI.create(doc), must);
    } finally {
      refs.pop();
    }
  }

  private static String stripFragment(URI uri) {
    String s = uri.toString();
    int hash = s.indexOf('#');
    return hash < 0 ? s : s.substring(0, hash);
  }
}
