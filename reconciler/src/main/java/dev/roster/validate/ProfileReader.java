package dev.roster.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Parses {@code <Kind>.profile.yaml}; a malformed profile is a {@link ValidationException}. */
final class ProfileReader {
  private ProfileReader() {}

  /**
   * One reader for every profile, made on first use: making a {@code Yaml} costs more than
   * reading a profile with it. Not thread-safe, so {@link #read} holds the class's lock.
   */
  private static final class Reader {
    static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  static Profile read(String name, String text) {
    return read(name, text, false);
  }

  /**
   * As {@link #read(String, String)}; {@code bundled} reads the YAML with {@link ProfileYaml}
   * first, which gives the same values where it reads at all (ProfileYamlTest).
   */
  static synchronized Profile read(String name, String text, boolean bundled) {
    try {
      Object doc = bundled ? fast(text) : Reader.YAML.load(text);
      Map<?, ?> m = doc instanceof Map<?, ?> map ? map : Map.of();
      Profile.Scope scope = Profile.Scope.valueOf(
          str(m.get("scope"), "Namespaced").toUpperCase(Locale.ROOT));
      Profile.NameFormat format = Profile.NameFormat.valueOf(
          str(m.get("nameFormat"), "subdomain").toUpperCase(Locale.ROOT));
      List<Profile.Reference> refs = new ArrayList<>();
      for (Map<?, ?> r : maps(m.get("references"))) {
        refs.add(new Profile.Reference(
            str(r.get("path"), null),
            r.containsKey("group") ? str(r.get("group"), "") : null,
            strings(r.get("kinds")),
            str(r.get("namespaceSibling"), null),
            Boolean.TRUE.equals(r.get("allowNamespacePrefix")),
            str(r.get("omitted"), null)));
      }
      List<Profile.Graph> graphs = new ArrayList<>();
      for (Map<?, ?> g : maps(m.get("graphs"))) {
        graphs.add(new Profile.Graph(
            str(g.get("name"), "nodes"),
            str(g.get("nodes"), null),
            str(g.get("id"), "/name"),
            strings(g.get("edges")),
            !Boolean.FALSE.equals(g.get("acyclic"))));
      }
      int wave = m.get("wave") instanceof Number n ? n.intValue() : Profile.DEFAULT_WAVE;
      List<Profile.LocalRef> local = new ArrayList<>();
      for (Map<?, ?> l : maps(m.get("localRefs"))) {
        local.add(new Profile.LocalRef(str(l.get("path"), null),
            Boolean.TRUE.equals(l.get("keys")), str(l.get("prefix"), ""),
            str(l.get("names"), null), str(l.get("message"), "names nothing in this object")));
      }
      return new Profile(scope, format, List.copyOf(refs), List.copyOf(graphs), wave,
          rollout(m.get("rollout")), strings(m.get("provided")), List.copyOf(local),
          health(m.get("health")));
    } catch (RuntimeException e) {
      throw new ValidationException(ValidateReason.INVALID_PROFILE,
          "failed to read profile '" + name + "': " + e.getMessage(), e);
    }
  }

  /** {@link ProfileYaml}'s reading, or the constructor's where that does not read the text. */
  private static Object fast(String text) {
    try {
      return ProfileYaml.read(text);
    } catch (RuntimeException e) { // Unhandled, or a syntax error the constructor will report
      return Reader.YAML.load(text);
    }
  }

  private static Profile.Rollout rollout(Object o) {
    if (!(o instanceof Map<?, ?> r)) {
      return null;
    }
    String dflt = str(r.get("default"), "restart");
    if (!"restart".equals(dflt) && !"in-place".equals(dflt)) {
      throw new IllegalArgumentException("rollout.default must be restart or in-place");
    }
    Profile.ActiveWork work = null;
    if (r.get("activeWork") instanceof Map<?, ?> w) {
      if (w.get("related") instanceof Map<?, ?> rel) {
        work = new Profile.ActiveWork(str(rel.get("group"), ""), str(rel.get("kind"), null),
            str(rel.get("label"), null), str(rel.get("phasePath"), "/status/phase"),
            strings(rel.get("phases")));
      } else if (w.get("status") instanceof Map<?, ?> st) {
        work = new Profile.ActiveWork(null, null, null, str(st.get("path"), null),
            strings(st.get("values")));
      }
    }
    return new Profile.Rollout(strings(r.get("restart")), strings(r.get("inPlace")),
        "in-place".equals(dflt), work, strings(r.get("runtimeOwned")),
        Boolean.TRUE.equals(r.get("oneShot")), reaches(r.get("reaches")),
        reaches(r.get("waitsFor")), deletions(r.get("platformDeletes")),
        immutables(r.get("immutable")), normalForms(r.get("normalForms")),
        joins(r.get("joins")), effects(r.get("effects")));
  }

  /** Entries {@code {state, path | condition, values, unhealthy?, message?}}. */
  private static List<Profile.Health> health(Object o) {
    List<Profile.Health> out = new ArrayList<>();
    for (Map<?, ?> x : maps(o)) {
      String path = str(x.get("path"), null);
      String condition = str(x.get("condition"), null);
      if (x.get("state") == null || (path == null) == (condition == null)
          || strings(x.get("values")).isEmpty() || path != null && path.contains("*")) {
        throw new IllegalArgumentException("health entries need a 'state', 'values' and one of"
            + " 'path' (no '*') or 'condition'");
      }
      out.add(new Profile.Health(String.valueOf(x.get("state")), path, condition,
          strings(x.get("values")), !Boolean.FALSE.equals(x.get("unhealthy")),
          str(x.get("message"), null)));
    }
    return List.copyOf(out);
  }

  private static List<Profile.Effect> effects(Object o) {
    List<Profile.Effect> out = new ArrayList<>();
    for (Map<?, ?> x : maps(o)) {
      if (x.get("path") == null || x.get("says") == null) {
        throw new IllegalArgumentException("rollout.effects entries need a 'path' and 'says'");
      }
      out.add(new Profile.Effect(String.valueOf(x.get("path")), String.valueOf(x.get("says"))));
    }
    return List.copyOf(out);
  }

  /** Entries are pointers, or {@code {path, why}}. */
  private static List<Profile.Immutable> immutables(Object o) {
    List<Profile.Immutable> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        if (x instanceof Map<?, ?> m) {
          out.add(new Profile.Immutable(str(m.get("path"), null), str(m.get("why"), "")));
        } else {
          out.add(new Profile.Immutable(String.valueOf(x), ""));
        }
      }
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private static List<Profile.NormalForm> normalForms(Object o) {
    List<Profile.NormalForm> out = new ArrayList<>();
    for (Map<?, ?> x : maps(o)) {
      String path = str(x.get("path"), "");
      int star = path.indexOf('*');
      if (!path.endsWith("/*") || star != path.length() - 1) {
        throw new IllegalArgumentException("rollout.normalForms path must name a list's items,"
            + " with '*' only as the last segment: " + path);
      }
      if (!(x.get("becomes") instanceof Map<?, ?> becomes) || x.get("when") == null) {
        throw new IllegalArgumentException("rollout.normalForms entries need 'when' and a"
            + " mapping 'becomes'");
      }
      out.add(new Profile.NormalForm(path, String.valueOf(x.get("when")),
          (Map<String, Object>) becomes, str(x.get("why"), "")));
    }
    return List.copyOf(out);
  }

  private static List<Profile.Join> joins(Object o) {
    List<Profile.Join> out = new ArrayList<>();
    for (Map<?, ?> x : maps(o)) {
      if (!(x.get("state") instanceof Map<?, ?> st) || x.get("reason") == null) {
        throw new IllegalArgumentException("rollout.joins entries need 'state' and 'reason'");
      }
      out.add(new Profile.Join(reach(x), str(st.get("path"), null), strings(st.get("values")),
          String.valueOf(x.get("reason")), str(x.get("why"), "")));
    }
    return List.copyOf(out);
  }

  private static List<Profile.Deletion> deletions(Object o) {
    List<Profile.Deletion> out = new ArrayList<>();
    for (Map<?, ?> x : maps(o)) {
      if (x.get("why") == null) {
        throw new IllegalArgumentException("rollout.platformDeletes entries need a 'why'");
      }
      out.add(new Profile.Deletion(str(x.get("path"), null), strings(x.get("values")),
          String.valueOf(x.get("why"))));
    }
    return List.copyOf(out);
  }

  private static List<Profile.Reach> reaches(Object o) {
    List<Profile.Reach> out = new ArrayList<>();
    for (Map<?, ?> x : maps(o)) {
      out.add(reach(x));
    }
    return List.copyOf(out);
  }

  private static Profile.Reach reach(Map<?, ?> x) {
    return new Profile.Reach(str(x.get("group"), ""), str(x.get("kind"), null),
        str(x.get("path"), null), str(x.get("namespaceSibling"), null),
        str(x.get("omitted"), null));
  }

  private static String str(Object o, String dflt) {
    return o == null ? dflt : String.valueOf(o);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return List.copyOf(out);
  }

  private static List<Map<?, ?>> maps(Object o) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        if (x instanceof Map<?, ?> mm) {
          out.add(mm);
        }
      }
    }
    return out;
  }
}
