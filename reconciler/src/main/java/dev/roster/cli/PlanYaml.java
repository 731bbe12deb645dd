package dev.roster.cli;

import dev.roster.load.PointerIndex;
import dev.roster.load.Metadata;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.FieldChange;
import dev.roster.plan.Ownership;
import dev.roster.plan.Unwritten;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The YAML people see for one {@link Change}: only what Git sets, never status, server metadata,
 * Roster's provenance annotations or a Secret's values.
 *
 * <p>Contract: "after" is the desired object without provenance annotations, with each added or
 * changed field's value as the update writes it (a list in a controller's normal form, see
 * {@code NormalForms}); "before" is the live object projected onto it — for each field "after"
 * sets, the live value (nested maps and list items projected the same way; a live list item
 * sharing no key with Git's item is shown whole, never as an empty projection), plus the fields
 * Git set at the last apply and no longer sets (from {@code roster.dev/applied-fields} when the
 * object is this source's, and every {@link FieldChange.Type#REMOVED} change). Both are dumped as
 * block YAML with sorted keys, indent 2 and multi-line strings as literal blocks, so a diff of
 * the two shows exactly the fields the update changes. Both sides are cleaned by {@link
 * PlanRedaction} (no provenance, no Secret values).
 */
final class PlanYaml {
  static final int CONTEXT = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlanYaml() {}

  /** The unified diff (hunk headers and lines) of an update; empty for any other action. */
  @SuppressWarnings("unchecked")
  static List<String> diff(Change c, String source) {
    if (c.action() != Action.UPDATE || c.desired() == null || c.live() == null) {
      return List.of();
    }
    Map<String, Object> after = PlanRedaction.withoutProvenance(c.desired());
    for (Unwritten u : c.unwritten()) { // left to the platform or ignored: not written, not shown
      after = leftAlone(after, c.live(), u.pointer());
    }
    for (FieldChange f : c.fields()) {
      if (f.type() != FieldChange.Type.REMOVED) {
        after = (Map<String, Object>) withValue(after, f.pointer().substring(1).split("/", -1),
            0, f.after()); // what is written, e.g. a list in a controller's normal form
      }
    }
    Object applied = source.equals(Metadata.label(c.live(), Ownership.SOURCE))
        ? parse(Metadata.annotation(c.live(), Ownership.APPLIED_FIELDS)) : null;
    Object before = project(after, sorted(c.live()), applied); // a copy: putAt may add to it
    if (before instanceof Map<?, ?> m) {
      for (FieldChange f : c.fields()) {
        if (f.type() == FieldChange.Type.REMOVED) {
          putAt(m, f.pointer(), f.before());
        }
      }
    }
    return LineDiff.unified(lines(c.key(), before), lines(c.key(), after), CONTEXT);
  }

  /**
   * {@code after} with the value at {@code pointer} taken from {@code live} (removed when live has
   * none); maps on the path are copied, never changed in place.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> leftAlone(Map<String, Object> after, Map<String, Object> live,
      String pointer) {
    String[] parts = pointer.substring(1).split("/", -1);
    Map<String, Object> root = new LinkedHashMap<>(after);
    Map<String, Object> at = root;
    Object there = live;
    for (int i = 0; i < parts.length; i++) {
      String k = PointerIndex.unescape(parts[i]);
      there = there instanceof Map<?, ?> m ? m.get(k) : null;
      if (i == parts.length - 1) {
        if (there == null) {
          at.remove(k);
        } else {
          at.put(k, there);
        }
        break;
      }
      if (!(at.get(k) instanceof Map<?, ?> next)) {
        break; // crosses a list or scalar: shown whole, as the differ compares it
      }
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) next);
      at.put(k, copy);
      at = copy;
    }
    return root;
  }

  /** The object a create writes, each line prefixed with {@code +}; empty for other actions. */
  static List<String> created(Change c) {
    if (c.action() != Action.CREATE || c.desired() == null) {
      return List.of();
    }
    return lines(c.key(), c.desired()).stream().map(l -> "+" + l).toList();
  }

  /** The YAML lines of a tree, cleaned for {@code key} and with keys sorted. */
  @SuppressWarnings("unchecked")
  static List<String> lines(ResourceKey key, Object tree) {
    Object shown = tree instanceof Map<?, ?> m
        ? PlanRedaction.cleanObject(key, (Map<String, Object>) m) : tree;
    String text = yaml().dump(sorted(shown));
    return text.isEmpty() ? List.of() : text.lines().toList();
  }

  /** Live {@code have} restricted to what {@code want} and the applied field set name. */
  private static Object project(Object want, Object have, Object applied) {
    if (want instanceof Map<?, ?> wm && have instanceof Map<?, ?> hm) {
      Map<String, Object> out = new LinkedHashMap<>();
      wm.forEach((k, w) -> {
        if (hm.containsKey(k)) {
          out.put(String.valueOf(k), project(w, hm.get(k), child(applied, k)));
        }
      });
      if (applied instanceof Map<?, ?> am) {
        am.forEach((k, set) -> {
          if (!wm.containsKey(k) && hm.containsKey(k)) {
            boolean leaf = !(set instanceof Map<?, ?> sm) || sm.isEmpty();
            out.put(String.valueOf(k), leaf ? hm.get(k) : project(Map.of(), hm.get(k), set));
          }
        });
      }
      return out;
    }
    if (want instanceof List<?> wl && have instanceof List<?> hl) {
      List<Object> out = new ArrayList<>(hl.size());
      for (int i = 0; i < hl.size(); i++) {
        Object set = applied instanceof List<?> al && i < al.size() ? al.get(i) : null;
        Object item = i < wl.size() ? project(wl.get(i), hl.get(i), set) : hl.get(i);
        // An item sharing no key with Git's is another item, not a projection of it: whole.
        boolean disjoint = item instanceof Map<?, ?> im && im.isEmpty()
            && hl.get(i) instanceof Map<?, ?> hm && !hm.isEmpty();
        out.add(disjoint ? hl.get(i) : item);
      }
      return out;
    }
    if (want instanceof Number a && have instanceof Number b && sameNumber(a, b)) {
      return want; // 1 and 1.0 are equal to the differ; show them equal too
    }
    return have;
  }

  private static boolean sameNumber(Number a, Number b) {
    try {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    } catch (NumberFormatException e) {
      return a.equals(b); // NaN, infinities
    }
  }

  private static Object child(Object set, Object key) {
    return set instanceof Map<?, ?> m ? m.get(String.valueOf(key)) : null;
  }

  @SuppressWarnings("unchecked")
  private static void putAt(Map<?, ?> root, String pointer, Object value) {
    String[] parts = pointer.substring(1).split("/", -1);
    Map<String, Object> at = (Map<String, Object>) root;
    for (int i = 0; i < parts.length - 1; i++) {
      String k = PointerIndex.unescape(parts[i]);
      Object next = at.computeIfAbsent(k, x -> new LinkedHashMap<String, Object>());
      if (!(next instanceof Map<?, ?> nm)) {
        return; // crosses a list or scalar: the projection already shows it
      }
      at = (Map<String, Object>) nm;
    }
    at.putIfAbsent(PointerIndex.unescape(parts[parts.length - 1]), value);
  }

  /** {@code tree} with {@code value} at the pointer segments from {@code i}, copied on the way. */
  private static Object withValue(Object tree, String[] segs, int i, Object value) {
    if (i == segs.length) {
      return value;
    }
    String k = PointerIndex.unescape(segs[i]);
    if (tree instanceof Map<?, ?> m && (m.containsKey(k) || i == segs.length - 1)) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((x, v) -> out.put(String.valueOf(x), v));
      out.put(k, withValue(m.get(k), segs, i + 1, value));
      return out;
    }
    if (tree instanceof List<?> l && k.matches("[0-9]+") && Integer.parseInt(k) < l.size()) {
      List<Object> out = new ArrayList<>(l);
      out.set(Integer.parseInt(k), withValue(l.get(Integer.parseInt(k)), segs, i + 1, value));
      return out;
    }
    return tree; // the pointer leaves the tree: Git's tree already shows it
  }

  private static Object sorted(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
      return new LinkedHashMap<>(out);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(PlanYaml::sorted).toList();
    }
    return v;
  }

  private static Yaml yaml() {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setSplitLines(false);
    o.setWidth(Integer.MAX_VALUE);
    return new Yaml(new Representer(o) {
      @Override
      protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
        boolean multiLine = Tag.STR.equals(tag) && value.indexOf('\n') >= 0;
        return super.representScalar(tag, value,
            multiLine ? DumperOptions.ScalarStyle.LITERAL : style);
      }
    }, o);
  }

  private static Object parse(String json) {
    try {
      return json == null ? null : JSON.readValue(json, LinkedHashMap.class);
    } catch (RuntimeException e) {
      return null; // as the planner: unreadable means unknown
    }
  }
}
