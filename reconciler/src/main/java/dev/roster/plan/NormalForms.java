package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.PointerIndex;
import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Controllers' normal forms ({@code rollout.normalForms}): a list item Git writes in one form that
 * a controller rewrites into another, equivalent one (komputer's squad controller turns an
 * embedded member into a {@code ref} to the agent it creates).
 *
 * <p>Contract: an UPDATE compares Git's list with live's in normal form: a Git item in the
 * {@code when} form whose live item at the same index matches the filled-in {@code becomes} form
 * is taken as live has it, so it is never a difference and never written back; when the list
 * differs elsewhere, the list written keeps those items in their live form. Since the controller
 * acts on such an item only once, a later Git edit of it never reaches the platform: the digest of
 * each Git-form item is recorded ({@code roster.dev/applied-digests}, key its pointer) when Roster
 * writes it, and an item whose Git digest no longer matches the record is reported as {@link
 * Unwritten.Reason#PLATFORM_WRITTEN} with the profile's {@code why}. Pure.
 */
public final class NormalForms {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  private NormalForms() {}

  /** {@code c} compared in normal form; see the class contract. */
  public static Change apply(Change c, List<Profile.NormalForm> forms) {
    if (c.action() != Action.UPDATE || forms.isEmpty()) {
      return c;
    }
    Map<String, String> recorded = ThreeWay.recorded(c.live());
    List<FieldChange> fields = new ArrayList<>(c.fields());
    List<Map<String, Object>> patch = new ArrayList<>(c.patch());
    List<Unwritten> unwritten = new ArrayList<>(c.unwritten());
    boolean touched = false;
    for (Profile.NormalForm f : forms) {
      String list = list(f);
      Lists l = lists(c, list);
      if (l == null) {
        continue;
      }
      List<Object> norm = new ArrayList<>(l.git());
      List<Integer> same = equivalent(c.key(), f, l, norm);
      if (same.isEmpty()) {
        continue;
      }
      touched = true;
      for (int i : same) {
        String at = list + "/" + i;
        String was = recorded == null ? null : recorded.get(at);
        if (was != null && !was.equals(ThreeWay.digest(c.desired(), at))) {
          unwritten.add(new Unwritten(at, Unwritten.Reason.PLATFORM_WRITTEN, f.why()
              + "; this Git edit of the item does not reach the platform"));
        }
      }
      boolean clean = Differ.same(norm, l.live(), applied(c.live(), list));
      fields.removeIf(x -> x.pointer().equals(list));
      patch.removeIf(op -> list.equals(op.get("path")) && !"test".equals(op.get("op")));
      if (!clean) {
        fields.add(new FieldChange(list, FieldChange.Type.CHANGED, l.live(), norm));
        patch.add(Differ.op("replace", list, norm));
      }
    }
    return touched ? ThreeWay.narrow(c, fields, patch, unwritten) : c;
  }

  /**
   * The digests to record for Git-form items: Git's when the item is written now (a create, or a
   * list written in Git form and not held), else the recorded one (Git's when none is).
   */
  public static Map<String, String> digests(Change c, List<Profile.NormalForm> forms) {
    Map<String, String> out = new TreeMap<>();
    if (c.desired() == null || forms.isEmpty()) {
      return out;
    }
    Map<String, String> recorded = c.live() == null ? null : ThreeWay.recorded(c.live());
    for (Profile.NormalForm f : forms) {
      String list = list(f);
      List<Object> git = listAt(c.desired(), list);
      if (git == null) {
        continue;
      }
      Lists l = c.live() == null ? null : lists(c, list);
      List<Integer> same = l == null ? List.of()
          : equivalent(c.key(), f, l, new ArrayList<>(l.git()));
      boolean writes = c.action() == Action.CREATE || c.action() == Action.UPDATE
          && c.patch().stream().anyMatch(op -> !"test".equals(op.get("op"))
              && Pointers.covers(String.valueOf(op.get("path")), list))
          && (!c.rollout().waiting() || !c.rollout().heldPointers().contains(list));
      for (int i = 0; i < git.size(); i++) {
        if (!(git.get(i) instanceof Map<?, ?> item) || Pointers.values(item, f.when()).isEmpty()) {
          continue;
        }
        String at = list + "/" + i;
        String was = recorded == null ? null : recorded.get(at);
        String mine = ThreeWay.digest(c.desired(), at);
        String d = writes && !same.contains(i) || was == null ? mine : was;
        out.put(at, d);
      }
    }
    return out;
  }

  /** Indexes of Git-form items that live already holds in normal form; those set in {@code norm}. */
  private static List<Integer> equivalent(ResourceKey key, Profile.NormalForm f, Lists l,
      List<Object> norm) {
    List<Integer> same = new ArrayList<>();
    for (int i = 0; i < l.git().size() && i < l.live().size(); i++) {
      Object expected = l.git().get(i) instanceof Map<?, ?> item
          && !Pointers.values(item, f.when()).isEmpty()
          ? fill(f.becomes(), item, key, i) : null;
      if (expected != null && Differ.same(expected, l.live().get(i), null)) {
        norm.set(i, l.live().get(i));
        same.add(i);
      }
    }
    return same;
  }

  /** {@code becomes} with its templates filled in for one item; null when one cannot be. */
  static Object fill(Object becomes, Map<?, ?> item, ResourceKey key, int index) {
    if (becomes instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = fill(e.getValue(), item, key, index);
        if (v == null) {
          return null;
        }
        out.put(String.valueOf(e.getKey()), v);
      }
      return out;
    }
    return becomes instanceof String s ? render(s, item, key, index) : becomes;
  }

  /**
   * One template: alternatives separated by {@code |}, the first whose placeholders ({@code
   * {name}}, {@code {namespace}}, {@code {index}}, {@code {item:/pointer}}) all have a non-empty
   * value; null when none has.
   */
  static String render(String template, Map<?, ?> item, ResourceKey key, int index) {
    for (String alt : template.split("\\|")) {
      Matcher m = PLACEHOLDER.matcher(alt.trim());
      StringBuilder out = new StringBuilder();
      boolean ok = true;
      while (m.find()) {
        String p = m.group(1);
        String v = switch (p) {
          case "name" -> key.name();
          case "namespace" -> key.namespace();
          case "index" -> String.valueOf(index);
          default -> p.startsWith("item:") ? scalar(item, p.substring(5)) : null;
        };
        ok &= v != null && !v.isEmpty();
        m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
      }
      m.appendTail(out);
      if (ok) {
        return out.toString();
      }
    }
    return null;
  }

  private static String scalar(Map<?, ?> item, String pointer) {
    List<Object> v = Pointers.values(item, pointer);
    return v.size() == 1 && (v.get(0) instanceof String || v.get(0) instanceof Number)
        ? String.valueOf(v.get(0)) : null;
  }

  /** Git's and live's list at one pointer. */
  private record Lists(List<Object> git, List<Object> live) {}

  private static Lists lists(Change c, String list) {
    List<Object> git = listAt(c.desired(), list);
    List<Object> live = listAt(c.live(), list);
    return git == null || live == null ? null : new Lists(git, live);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> listAt(Map<String, Object> tree, String pointer) {
    List<Object> v = tree == null ? List.of() : Pointers.values(tree, pointer);
    return v.size() == 1 && v.get(0) instanceof List<?> l ? (List<Object>) l : null;
  }

  /** The list's pointer: the form's path without its last {@code /*}. */
  private static String list(Profile.NormalForm f) {
    return f.path().substring(0, f.path().length() - 2);
  }

  /** The field set Git gave at {@code pointer} at the last apply, or null. */
  private static Object applied(Map<String, Object> live, String pointer) {
    String json = Metadata.annotation(live, Ownership.APPLIED_FIELDS);
    Object set;
    try {
      set = json == null ? null : JSON.readValue(json, LinkedHashMap.class);
    } catch (RuntimeException e) {
      return null;
    }
    for (String seg : pointer.substring(1).split("/")) {
      set = Fields.child(set, PointerIndex.unescape(seg));
    }
    return set;
  }
}
